// `trayotp --type-code` started while TrayOTP runs: the second instance's argv (and the data it
// sent with its lock request) says what the running app does (issue 27).
import { describe, expect, it } from 'vitest';
import {
  dispatchInstanceArgs,
  instanceCommand,
  parseInstanceArgs,
  typeCodeCommandLine,
} from '../../../../main/app/shared/second-instance';
import type { InstanceCommand } from '../../../../main/app/shared/second-instance';
import { fakeApp } from '../../../fakes/app';

const EXE = '/opt/TrayOTP/trayotp';

describe('parseInstanceArgs', () => {
  const cases: [unknown, InstanceCommand][] = [
    [[EXE], 'show'],
    [[EXE, '--type-code'], 'type-code'],
    // Electron may reorder the list and add Chromium's switches.
    [[EXE, '--enable-features=GlobalShortcutsPortal', '--type-code', '--no-sandbox'], 'type-code'],
    [['--type-code', EXE], 'type-code'],
    [[EXE, '--open-picker'], 'show'],
    [[EXE, '--scan-screen', '--type-code'], 'scan-screen'],
    // Near misses are not commands.
    [[EXE, '--type-code=1'], 'show'],
    [[EXE, '--TYPE-CODE'], 'show'],
    [[EXE, 'type-code'], 'show'],
    // Not a command line a person wrote: nothing but the window.
    [undefined, 'show'],
    ['--type-code', 'show'],
    [[EXE, 42, '--type-code'], 'show'],
    [[EXE, 'x'.repeat(5000), '--type-code'], 'show'],
    [[...Array<string>(300).fill('-v'), '--type-code'], 'show'],
  ];
  for (const [argv, command] of cases) {
    it(`${JSON.stringify(argv)?.slice(0, 80)} → ${command}`, () => {
      expect(parseInstanceArgs(argv)).toBe(command);
    });
  }

  it('the lock request’s data wins over the argv; anything else in it is ignored', () => {
    expect(instanceCommand([EXE], { command: 'type-code' })).toBe('type-code');
    expect(instanceCommand([EXE, '--scan-screen'], { command: 'rm -rf' })).toBe('scan-screen');
    expect(instanceCommand([EXE, '--type-code'], null)).toBe('type-code');
    expect(instanceCommand([EXE], { command: { toString: () => 'type-code' } })).toBe('show');
  });
});

describe('a second instance with --type-code', () => {
  it('runs the running app’s hotkey flow once (the picker without a title), and nothing else', async () => {
    const fake = await fakeApp();
    await fake.app.session.create();
    await fake.app.adding.addUri('otpauth://totp/GitHub:a?secret=JBSWY3DPEHPK3PXP&issuer=GitHub');
    const calls: string[] = [];
    const targets = {
      typeCode: () => {
        calls.push('typeCode');
        void fake.app.typing.typeCurrentCode();
      },
      scanScreen: () => calls.push('scanScreen'),
      showWindow: () => calls.push('showWindow'),
    };
    expect(dispatchInstanceArgs([EXE, '--type-code'], undefined, targets)).toBe('type-code');
    await expect.poll(() => fake.shown.at(-1)?.view).toBe('picker');
    expect(calls).toEqual(['typeCode']);
    expect(dispatchInstanceArgs([EXE], undefined, targets)).toBe('show');
    expect(calls).toEqual(['typeCode', 'showWindow']);
  });
});

describe('typeCodeCommandLine', () => {
  it('names this TrayOTP, quoted for the shell the desktop shortcut runs', () => {
    expect(typeCodeCommandLine(['/usr/bin/trayotp'], 'linux')).toBe('/usr/bin/trayotp --type-code');
    expect(
      typeCodeCommandLine(["/home/o'neil/Apps/TrayOTP 1.0.AppImage", '--no-sandbox'], 'linux'),
    ).toBe(`'/home/o'\\''neil/Apps/TrayOTP 1.0.AppImage' --no-sandbox --type-code`);
    expect(typeCodeCommandLine(['C:\\Program Files\\TrayOTP\\trayotp.exe'], 'win32')).toBe(
      '"C:\\Program Files\\TrayOTP\\trayotp.exe" --type-code',
    );
    // What the shortcut runs comes back as the same argv (a POSIX shell's word splitting).
    const line = typeCodeCommandLine(["/tmp/a b'c $HOME/x"], 'linux');
    expect(line).toBe(`'/tmp/a b'\\''c $HOME/x' --type-code`);
  });
});
