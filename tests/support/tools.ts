// Whether a suite that needs system tools (chromium, Xvfb, oathtool, a C compiler) runs here.
// Where a tool is missing the suite skips, and the run prints one line for all of them
// (tests/support/tools-setup.ts); with CI=true a missing tool fails the suite instead, so CI never
// hides one. The tools and their packages are listed once, in scripts/test-deps.js.
import { missingTestTools } from '../../scripts/test-deps.js';
import type { TestTool } from '../../scripts/test-deps.js';

export type ToolName = TestTool['name'];

export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}

/**
 * True when a suite needing `tools` must skip here. Under CI=true a missing tool throws instead,
 * which fails the test file with the reason.
 */
export function skipWithout(...tools: ToolName[]): boolean {
  const missing = missingTestTools().filter((tool) => tools.includes(tool.name));
  if (missing.length === 0) return false;
  if (isCi()) {
    throw new Error(
      `CI=true and ${missing.map((t) => t.name).join(', ')} is missing (packages: ${missing
        .flatMap((t) => t.packages)
        .join(' ')}); run \`npm run test:deps\` in CI before the tests`,
    );
  }
  return true;
}
