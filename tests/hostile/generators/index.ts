// Every hostile input, by family. Add an input by adding it to its family's generator.
import type { HostileInput } from './input';
import { countInputs } from './counts';
import { imageBombs } from './images';
import { KDF_UUID, kdbx4, kdfInputs, keepassKdfInputs } from './kdf';
import { keepassBombInputs, workerOverrunInputs } from './keepass-bombs';
import { oversizedInputs } from './oversized';
import { cycleInputs, nestingInputs } from './structure';
import { controlCharInputs, regexBaitInputs } from './text';
import { truncationInputs } from './truncation';
import { vaultInputs } from './vault';
import { zipBombs } from './zip';

export type { HostileInput } from './input';

export function allInputs(): HostileInput[] {
  const inputs = [
    ...zipBombs(),
    ...imageBombs(),
    ...cycleInputs(),
    ...nestingInputs(),
    ...countInputs(),
    ...kdfInputs(),
    ...keepassKdfInputs(),
    ...keepassBombInputs(),
    ...workerOverrunInputs((rounds) =>
      kdbx4([
        ['$UUID', 0x42, Buffer.from(KDF_UUID.aes, 'hex')],
        ['R', 0x05, rounds],
        ['S', 0x42, Buffer.alloc(32, 0x11)],
      ]),
    ),
    ...vaultInputs(),
    ...regexBaitInputs(),
    ...controlCharInputs(),
    ...truncationInputs(),
    ...oversizedInputs(),
  ];
  const names = new Set<string>();
  for (const input of inputs) {
    if (names.has(input.name)) throw new Error(`two hostile inputs are named ${input.name}`);
    names.add(input.name);
  }
  return inputs;
}
