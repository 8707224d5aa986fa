// Issue 23, R1: the Windows foreground window's program (its process image), against a fake of
// user32 and kernel32: the browser's image path, and every case where there is none to read.
import { describe, expect, it } from 'vitest';
import { withWin32Program } from '../../../main/platform/win32/focused-process';
import type { Win32ProcessApi } from '../../../main/platform/win32/focused-process';

const OWN_PID = 4242;
const noTitle = { title: async () => undefined };

function api(over: Partial<Win32ProcessApi> = {}): Win32ProcessApi {
  return {
    foregroundWindow: () => 0x10010n,
    processId: () => 900,
    imagePath: (pid) =>
      pid === 900 ? 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe' : undefined,
    ...over,
  };
}

const program = (fake: Win32ProcessApi) =>
  withWin32Program(noTitle, { load: () => fake, ownPid: OWN_PID }).program!();

describe('Windows focused program', () => {
  it("the foreground window's process and image", async () => {
    expect(await program(api())).toEqual({
      pid: 900,
      executable: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    });
  });

  it('a process that cannot be opened: its pid only', async () => {
    expect(await program(api({ imagePath: () => undefined }))).toEqual({ pid: 900 });
  });

  it('no foreground window, a closed window, our own window, no user32: nothing', async () => {
    expect(await program(api({ foregroundWindow: () => null }))).toBeUndefined();
    expect(await program(api({ processId: () => undefined }))).toBeUndefined();
    expect(await program(api({ processId: () => OWN_PID }))).toBeUndefined();
    const broken = withWin32Program(noTitle, {
      load: () => {
        throw new Error('not Windows');
      },
    });
    expect(await broken.program!()).toBeUndefined();
  });
});
