// The README pictures' fingerprint (./support/readme-shots.ts), in Node: it follows what a person
// reads as headings and can press, and ignores what changes on every run.
import { describe, expect, it } from 'vitest';
import { viewOutline } from './support/readme-shots';

const SNAPSHOT = `- main:
  - heading "TrayOTP" [level=1]
  - region "Codes":
    - listbox "Accounts, 3 shown":
      - option "Steam gamer XWC42" [selected]
    - paragraph: "Next code: 123 456"
    - toolbar "Actions for GitHub":
      - button "Copy"
      - button "Delete"
- status "Notifications":
  - text: The GitHub code expires in 5 seconds.`;

describe('viewOutline', () => {
  it('keeps headings, landmarks and controls; masks digits; drops rows, text and states', () => {
    expect(viewOutline(SNAPSHOT)).toBe(
      [
        'main',
        '  heading "TrayOTP"',
        '  region "Codes"',
        '    listbox "Accounts, 0 shown"',
        '    toolbar "Actions for GitHub"',
        '      button "Copy"',
        '      button "Delete"',
      ].join('\n'),
    );
  });

  it('changes when a control is added, renamed or moved, not when a code or countdown does', () => {
    const base = viewOutline(SNAPSHOT);
    expect(viewOutline(SNAPSHOT.replace('XWC42', 'K9QPT').replace('5 seconds', '1 second'))).toBe(
      base,
    );
    expect(viewOutline(SNAPSHOT.replace('button "Delete"', 'button "Remove"'))).not.toBe(base);
    expect(viewOutline(SNAPSHOT.replace('      - button "Delete"', ''))).not.toBe(base);
  });
});
