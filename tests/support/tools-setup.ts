// Vitest global setup: probes the system tools once per run and prints ONE line for every suite
// that will skip for want of them, with the packages and `npm run test:deps` (or, under CI=true,
// says those suites will fail).
import { missingTestTools } from '../../scripts/test-deps.js';
import { isCi } from './tools';

export function missingToolsLine(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const missing = missingTestTools(env);
  if (missing.length === 0) return undefined;
  const what = missing.map((tool) => `${tool.suites} (no ${tool.name})`).join(', ');
  const packages = [...new Set(missing.flatMap((tool) => tool.packages))].join(' ');
  return isCi(env)
    ? `CI=true, so these suites fail instead of skipping: ${what}; install ${packages} with \`npm run test:deps\`.`
    : `Skipping ${what}: install ${packages} with \`npm run test:deps\`.`;
}

export default function setup(): void {
  const line = missingToolsLine();
  if (line) console.warn(line);
}
