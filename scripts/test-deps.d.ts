// Types for test-deps.js (plain JavaScript, so .ci/run can run it before `npm ci`).
export interface TestTool {
  name:
    | 'chromium'
    | 'Xvfb'
    | 'oathtool'
    | 'openssl'
    | 'syncthing'
    | 'dbus-daemon'
    | 'xdg-desktop-portal'
    | 'cc';
  command: string;
  packages: string[];
  suites: string;
}
export const TEST_TOOLS: TestTool[];
export const TEST_PACKAGES: string[];
export const INSTALL_LINE: string;
export function missingTestTools(env?: NodeJS.ProcessEnv): TestTool[];
