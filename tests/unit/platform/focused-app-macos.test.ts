// Issue 23, R1: the macOS focused application's program (pid and executable), against a fake.
import { describe, expect, it } from 'vitest';
import { knownBrowser } from '../../../main/app/typing/browser-windows';
import { withMacProgram } from '../../../main/platform/macos/focused-app';

const OWN_PID = 4242;
const noTitle = { title: async () => undefined };
const CHROME = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';

const program = (pid: number | undefined, path: string | null = CHROME) =>
  withMacProgram(noTitle, {
    ownPid: OWN_PID,
    load: () => ({ focusedPid: () => pid, executablePath: () => path ?? undefined }),
  }).program!();

describe('macOS focused program', () => {
  it("the focused app's pid and executable, which names the browser", async () => {
    const found = await program(800);
    expect(found).toEqual({ pid: 800, executable: CHROME });
    expect(knownBrowser(found!)?.name).toBe('Google Chrome');
  });

  it('no focused app, our own app, a process gone, no frameworks', async () => {
    expect(await program(undefined)).toBeUndefined();
    expect(await program(OWN_PID)).toBeUndefined();
    expect(await program(800, null)).toEqual({ pid: 800 });
    const broken = withMacProgram(noTitle, {
      load: () => {
        throw new Error('not macOS');
      },
    });
    expect(await broken.program!()).toBeUndefined();
  });
});
