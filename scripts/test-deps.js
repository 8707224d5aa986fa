// The system tools some test suites need, and the Debian/Ubuntu packages that bring them: the one
// list `npm run test:deps`, .ci/run and the test runner's probe (tests/support/tools.ts) all use.
// Plain JavaScript with no dependencies, so .ci/run can read it before `npm ci`.
//
//   node scripts/test-deps.js             print the apt-get line (as root: run it)
//   node scripts/test-deps.js --print     print the apt-get line, never run it
//   node scripts/test-deps.js --packages  print the package names, space-separated
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Each tool: how it is found, the packages that bring it, and what needs it. */
export const TEST_TOOLS = [
  {
    name: 'chromium',
    command: '/usr/bin/chromium',
    // DejaVu is the font the rendered pages and screenshots use; certutil (libnss3-tools) makes
    // the browser suite's test profile trust its throwaway CA (tests/browser/support/site-ca.ts).
    packages: ['chromium', 'fonts-dejavu-core', 'libnss3-tools'],
    suites: 'the UI tests, rendered QR screens, X11 tests and the browser extension tests',
  },
  {
    name: 'Xvfb',
    command: 'Xvfb',
    // libX11 and libXtst are what the X11 adapters load through koffi.
    packages: ['xvfb', 'libx11-6', 'libxtst6'],
    suites: 'the X11 capture, typing, journey and browser extension tests',
  },
  {
    name: 'oathtool',
    command: 'oathtool',
    packages: ['oathtool'],
    suites: 'the oathtool cross-check',
  },
  {
    name: 'openssl',
    command: 'openssl',
    packages: ['openssl'],
    suites: 'the clock check (a test certificate authority for a loopback HTTPS server)',
  },
  {
    name: 'syncthing',
    command: 'syncthing',
    packages: ['syncthing'],
    suites: 'the sync suite (tests/sync: TrayOTP sync carried by real Syncthing daemons)',
  },
  {
    name: 'dbus-daemon',
    command: '/usr/bin/dbus-daemon',
    packages: ['dbus-daemon'],
    suites: 'the Wayland portal tests (a private session bus)',
  },
  {
    name: 'xdg-desktop-portal',
    command: '/usr/libexec/xdg-desktop-portal',
    // The real frontend and its permission store (/usr/libexec/xdg-permission-store).
    packages: ['xdg-desktop-portal'],
    suites: 'the Wayland portal tests (the real frontend over a test backend)',
  },
  {
    name: 'cc',
    command: 'cc',
    packages: ['gcc', 'libc6-dev'],
    suites: 'the koffi binding tests',
  },
];

export const TEST_PACKAGES = [...new Set(TEST_TOOLS.flatMap((tool) => tool.packages))];

export const INSTALL_LINE = `apt-get install -y --no-install-recommends ${TEST_PACKAGES.join(' ')}`;

function found(command, env) {
  if (isAbsolute(command)) return existsSync(command);
  return (env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

/** The tools of TEST_TOOLS this machine lacks. */
export function missingTestTools(env = process.env) {
  return TEST_TOOLS.filter((tool) => !found(tool.command, env));
}

function main(args) {
  const [option, ...rest] = args;
  if (rest.length > 0 || (option && !['--packages', '--print'].includes(option))) {
    console.error('usage: node scripts/test-deps.js [--packages | --print]');
    return 2;
  }
  if (option === '--packages') {
    console.log(TEST_PACKAGES.join(' '));
    return 0;
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (option === '--print' || !root || !found('apt-get', process.env)) {
    const sudo = root ? '' : 'sudo ';
    console.log(`${sudo}apt-get update && ${sudo}${INSTALL_LINE}`);
    return 0;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log(`apt-get update && ${INSTALL_LINE}`);
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  if (update.status !== 0)
    console.error('apt-get update failed; installing from the lists there are');
  const install = spawnSync('sh', ['-c', INSTALL_LINE], { stdio: 'inherit', env });
  return install.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(main(process.argv.slice(2)));
}
