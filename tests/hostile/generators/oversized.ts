// Oversized files: a 200 MB JSON export, written as a stream into the run's temporary folder
// (never committed), through the importers and the directory parser, which must refuse it by
// its size before reading it as text.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { HostileInput } from './input';

const ENTRY = '{"secret":"JBSWY3DPEHPK3PXP","issuer":"Oversized","label":"alice","type":"TOTP"},';

async function writeJsonArray(path: string, bytes: number): Promise<string> {
  const stream = createWriteStream(path);
  const chunk = ENTRY.repeat(Math.floor((1024 * 1024) / ENTRY.length));
  stream.write('[');
  for (let written = 1; written < bytes; written += chunk.length) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end(`${ENTRY.slice(0, -1)}]`);
  await once(stream, 'finish');
  return path;
}

export function oversizedInputs(): HostileInput[] {
  return [
    {
      name: 'oversized/json-200MB-andotp-array',
      targets: ['import', 'directory'],
      fileName: 'andotp.json',
      make: (path) => writeJsonArray(path, 200 * 1024 * 1024),
    },
    {
      name: 'oversized/json-63MB-andotp-array',
      targets: ['import'],
      fileName: 'andotp.json',
      make: (path) => writeJsonArray(path, 63 * 1024 * 1024),
    },
  ];
}
