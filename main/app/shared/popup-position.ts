// Where the tray window appears: anchored at the tray icon like a menubar popup, on the side of
// the screen the taskbar is on, and always fully inside the display's work area.
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function popupPosition(
  tray: Rect,
  window: { width: number; height: number },
  workArea: Rect,
  cursor?: { x: number; y: number },
): { x: number; y: number } {
  // Some Linux trays report empty bounds: anchor at the cursor instead.
  const anchor =
    tray.width > 0 && tray.height > 0
      ? tray
      : {
          x: cursor?.x ?? workArea.x + workArea.width,
          y: cursor?.y ?? workArea.y,
          width: 0,
          height: 0,
        };
  const centerX = anchor.x + anchor.width / 2;
  const centerY = anchor.y + anchor.height / 2;
  const taskbarAtTop = centerY < workArea.y + workArea.height / 2;
  let x = Math.round(centerX - window.width / 2);
  let y = taskbarAtTop ? anchor.y + anchor.height + 4 : anchor.y - window.height - 4;
  // A taskbar on the left or right: put the window beside the icon.
  const taskbarAtSide = anchor.x < workArea.x || anchor.x >= workArea.x + workArea.width;
  if (taskbarAtSide) {
    x = anchor.x < workArea.x ? workArea.x + 4 : workArea.x + workArea.width - window.width - 4;
    y = Math.round(centerY - window.height / 2);
  }
  x = clamp(x, workArea.x, workArea.x + workArea.width - window.width);
  y = clamp(y, workArea.y, workArea.y + workArea.height - window.height);
  return { x, y };
}

/**
 * Where the hotkey's picker appears: just below and right of the mouse pointer, where the person
 * is looking (the field they were about to fill), flipped above or left of it near the edges.
 */
export function nearCursorPosition(
  cursor: { x: number; y: number },
  window: { width: number; height: number },
  workArea: Rect,
): { x: number; y: number } {
  const GAP = 12;
  const right = workArea.x + workArea.width;
  const bottom = workArea.y + workArea.height;
  const x = cursor.x + GAP + window.width <= right ? cursor.x + GAP : cursor.x - GAP - window.width;
  const y =
    cursor.y + GAP + window.height <= bottom ? cursor.y + GAP : cursor.y - GAP - window.height;
  return {
    x: clamp(x, workArea.x, right - window.width),
    y: clamp(y, workArea.y, bottom - window.height),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}
