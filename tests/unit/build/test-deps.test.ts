// The system tools the suites need (scripts/test-deps.js, the one package list): where one is
// missing its suites skip with one summary line naming the packages and `npm run test:deps`;
// with CI=true they fail instead, so CI never hides a suite.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEST_PACKAGES } from '../../../scripts/test-deps.js';
import { missingToolsLine } from '../../support/tools-setup';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const vitest = fileURLToPath(new URL('../../../node_modules/vitest/vitest.mjs', import.meta.url));
// A PATH with Node and nothing else: no Xvfb, oathtool or cc.
const bareEnv = (extra: Record<string, string> = {}) => {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: dirname(process.execPath), ...extra };
  if (!('CI' in extra)) delete env.CI;
  return env;
};

function runVitest(file: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync(
    process.execPath,
    // The default reporter only: the run's own JSON report is not overwritten.
    [vitest, 'run', '--project', 'unit', file, '--reporter=default'],
    { cwd: root, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8', timeout: 60_000 },
  );
  // eslint-disable-next-line no-control-regex -- colour codes, in case a terminal forced them
  const output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  return { status: result.status, output };
}

describe('test tools', () => {
  it('one package list: npm run test:deps prints the apt-get line with it, .ci/run installs it', () => {
    const packages = spawnSync(process.execPath, ['scripts/test-deps.js', '--packages'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(packages.stdout.trim()).toBe(TEST_PACKAGES.join(' '));
    expect(TEST_PACKAGES).toEqual(expect.arrayContaining(['chromium', 'xvfb', 'oathtool', 'gcc']));
    const line = spawnSync(process.execPath, ['scripts/test-deps.js', '--print'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(line.stdout).toContain(
      `apt-get install -y --no-install-recommends ${TEST_PACKAGES.join(' ')}`,
    );
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['test:deps']).toBe('node scripts/test-deps.js');
    expect(readFileSync(`${root}.ci/run`, 'utf8')).toContain('scripts/test-deps.js --packages');
  });

  it('names every missing tool, its packages and npm run test:deps in one line', () => {
    const line = missingToolsLine({ PATH: '' });
    expect(line).toBeDefined();
    expect(line!.split('\n')).toHaveLength(1);
    for (const word of [
      'no Xvfb',
      'no oathtool',
      'no cc',
      'xvfb',
      'oathtool',
      'gcc',
      '`npm run test:deps`',
    ]) {
      expect(line).toContain(word);
    }
    expect(line).toMatch(/^Skipping /);
    expect(missingToolsLine({ PATH: '', CI: 'true' })).toMatch(/^CI=true, so these suites fail/);
  });

  it('a suite whose tool is missing skips, with the one line', () => {
    const { status, output } = runVitest('tests/unit/otp/oathtool.test.ts', bareEnv());
    expect(output).toContain('Skipping ');
    expect(output).toContain('the oathtool cross-check (no oathtool)');
    expect(output).toMatch(/Tests\s+1 skipped \(1\)/);
    expect(status).toBe(0);
  }, 60_000);

  it('with CI=true the same suite fails instead', () => {
    const { status, output } = runVitest(
      'tests/unit/otp/oathtool.test.ts',
      bareEnv({ CI: 'true' }),
    );
    expect(output).toContain('CI=true and oathtool is missing');
    expect(status).not.toBe(0);
  }, 60_000);
});
