import { describe, expect, it } from 'vitest';
import { nearCursorPosition, popupPosition } from '../../../../main/app/shared/popup-position';

const work = { x: 0, y: 0, width: 1920, height: 1040 };
const win = { width: 380, height: 560 };

describe('popupPosition', () => {
  it.each([
    [
      'taskbar at the bottom (Windows)',
      { x: 1800, y: 1050, width: 24, height: 24 },
      { x: 1540, y: 480 },
    ],
    [
      'menu bar at the top (macOS, GNOME)',
      { x: 1700, y: 0, width: 22, height: 22 },
      { x: 1521, y: 26 },
    ],
    ['icon in the middle of a top bar', { x: 950, y: 0, width: 24, height: 24 }, { x: 772, y: 28 }],
    ['icon at the far left of the top bar', { x: 4, y: 0, width: 24, height: 24 }, { x: 0, y: 28 }],
    ['taskbar on the right', { x: 1930, y: 500, width: 24, height: 24 }, { x: 1536, y: 232 }],
    ['taskbar on the left', { x: -40, y: 900, width: 24, height: 24 }, { x: 4, y: 480 }],
  ])('%s', (_case, tray, expected) => {
    expect(popupPosition(tray, win, work)).toEqual(expected);
  });

  it('empty tray bounds (some Linux trays): anchors at the cursor', () => {
    expect(
      popupPosition({ x: 0, y: 0, width: 0, height: 0 }, win, work, { x: 1000, y: 10 }),
    ).toEqual({
      x: 810,
      y: 14,
    });
  });

  it('always inside the work area, on a second display too', () => {
    const second = { x: 1920, y: 0, width: 1280, height: 1024 };
    const position = popupPosition({ x: 3190, y: 1000, width: 24, height: 24 }, win, second);
    expect(position.x).toBeGreaterThanOrEqual(second.x);
    expect(position.x + win.width).toBeLessThanOrEqual(second.x + second.width);
    expect(position.y + win.height).toBeLessThanOrEqual(second.y + second.height);
  });
});

describe('nearCursorPosition (the hotkey picker)', () => {
  it.each([
    ['below and right of the pointer', { x: 600, y: 300 }, { x: 612, y: 312 }],
    ['near the right edge: left of it', { x: 1800, y: 300 }, { x: 1408, y: 312 }],
    ['near the bottom: above it', { x: 600, y: 900 }, { x: 612, y: 328 }],
    ['in the bottom-right corner', { x: 1900, y: 1030 }, { x: 1508, y: 458 }],
  ])('%s', (_case, cursor, expected) => {
    expect(nearCursorPosition(cursor, win, work)).toEqual(expected);
  });

  it('stays inside a work area smaller than the window', () => {
    const small = { x: 100, y: 50, width: 300, height: 400 };
    expect(nearCursorPosition({ x: 200, y: 100 }, win, small)).toEqual({ x: 100, y: 50 });
  });
});
