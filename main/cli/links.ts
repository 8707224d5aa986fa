// Where key links come from: arguments, or (kept out of `ps` and the shell history) standard
// input with `-`, or a file with --uri-file FILE; one link a line in both.
import { STDIN, MAX_BYTES, linkLines, readInput } from './input';
import type { CliIo } from './io';

export async function readLinks(
  io: CliIo,
  positionals: string[],
  uriFile: string | undefined,
): Promise<string[]> {
  const links: string[] = [];
  for (const arg of positionals) {
    if (arg === STDIN)
      links.push(...linkLines(await readInput(io, STDIN, 'the links', MAX_BYTES.links)));
    else links.push(arg);
  }
  if (uriFile !== undefined) {
    links.push(...linkLines(await readInput(io, uriFile, 'the links file', MAX_BYTES.links)));
  }
  return links;
}
