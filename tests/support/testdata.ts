// Where the shared test data lives (../shared/testdata beside the clone) and how a test that
// needs it skips, with the reason printed, when a checkout has no such folder.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const testdataDir = fileURLToPath(new URL('../../../shared/testdata/', import.meta.url));
export const hasTestdata = existsSync(testdataDir);

export function testdataPath(relative: string): string {
  return `${testdataDir}${relative}`;
}

if (!hasTestdata) {
  console.warn(`skipping tests on shared test data: ${testdataDir} does not exist`);
}
