// The test fixtures, kept in the repository under tests/fixtures/ (tests/fixtures/README.md gives
// each set's source and licence), so a plain clone runs every test. There is no skip: a missing
// fixture is a broken checkout, and the test that reads it fails.
import { fileURLToPath } from 'node:url';

export const testdataDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function testdataPath(relative: string): string {
  return `${testdataDir}${relative}`;
}
