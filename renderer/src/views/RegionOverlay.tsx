// The region selector: a full-screen overlay window per display showing the frozen, dimmed
// screenshot main sent (regionImage event). Drag a box around the QR code; or with the keyboard,
// move the box with the arrows, resize it with Shift+arrows, Enter to scan, Escape to cancel.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { api } from '../lib/api';
import type { RegionImage } from '../lib/region-image';
import { useRegionImage } from '../lib/region-image';
import './region-overlay.css';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MIN_SIZE = 8;

function normalise(a: { x: number; y: number }, b: { x: number; y: number }): Box {
  return {
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    width: Math.abs(a.x - b.x),
    height: Math.abs(a.y - b.y),
  };
}

function Selector({ image }: { image: RegionImage }) {
  const surface = useRef<HTMLDivElement>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const [box, setBox] = useState<Box>(() => {
    const size = Math.round(Math.min(image.width, image.height) / 3);
    return {
      x: Math.round((image.width - size) / 2),
      y: Math.round((image.height - size) / 2),
      width: size,
      height: size,
    };
  });

  useEffect(() => {
    surface.current?.focus();
  }, []);

  // Screen pixels of the display (what main crops) from the overlay's CSS pixels.
  const toImage = useCallback(
    (clientX: number, clientY: number) => {
      const rect = surface.current!.getBoundingClientRect();
      return {
        x: Math.round(((clientX - rect.left) / rect.width) * image.width),
        y: Math.round(((clientY - rect.top) / rect.height) * image.height),
      };
    },
    [image],
  );

  const select = (chosen: Box) => {
    if (chosen.width < MIN_SIZE || chosen.height < MIN_SIZE) return;
    const x = Math.max(0, Math.round(chosen.x));
    const y = Math.max(0, Math.round(chosen.y));
    void api().regionSelect({
      displayId: image.displayId,
      x,
      y,
      width: Math.max(1, Math.min(Math.round(chosen.width), image.width - x)),
      height: Math.max(1, Math.min(Math.round(chosen.height), image.height - y)),
    });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.ctrlKey ? 1 : 10;
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const delta = arrows[event.key];
    if (delta) {
      event.preventDefault();
      setBox((b) =>
        event.shiftKey
          ? {
              ...b,
              width: Math.max(MIN_SIZE, Math.min(image.width - b.x, b.width + delta[0])),
              height: Math.max(MIN_SIZE, Math.min(image.height - b.y, b.height + delta[1])),
            }
          : {
              ...b,
              x: Math.max(0, Math.min(image.width - b.width, b.x + delta[0])),
              y: Math.max(0, Math.min(image.height - b.height, b.y + delta[1])),
            },
      );
    } else if (event.key === 'Enter') {
      event.preventDefault();
      select(box);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      void api().regionCancel();
    }
  };

  const onPointerDown = (event: PointerEvent) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    start.current = toImage(event.clientX, event.clientY);
    setBox({ ...start.current, width: 0, height: 0 });
  };
  const onPointerMove = (event: PointerEvent) => {
    if (start.current) setBox(normalise(start.current, toImage(event.clientX, event.clientY)));
  };
  const onPointerUp = (event: PointerEvent) => {
    if (!start.current) return;
    const chosen = normalise(start.current, toImage(event.clientX, event.clientY));
    start.current = null;
    setBox(chosen);
    select(chosen);
  };

  const percent = (value: number, total: number) => `${(value / total) * 100}%`;
  return (
    <div
      ref={surface}
      className="region-surface"
      role="application"
      aria-label="Select the QR code: drag a box around it, or move the box with the arrow keys, resize it with Shift and the arrow keys, and press Enter. Escape cancels."
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
    >
      <img className="region-image" src={image.image} alt="" draggable={false} />
      <div className="region-dim" />
      <div
        className="region-box"
        style={{
          left: percent(box.x, image.width),
          top: percent(box.y, image.height),
          width: percent(box.width, image.width),
          height: percent(box.height, image.height),
          backgroundImage: `url("${image.image}")`,
          backgroundSize: `${(image.width / Math.max(1, box.width)) * 100}% ${(image.height / Math.max(1, box.height)) * 100}%`,
          backgroundPosition: `${box.width >= image.width ? 0 : (box.x / (image.width - box.width)) * 100}% ${box.height >= image.height ? 0 : (box.y / (image.height - box.height)) * 100}%`,
        }}
      />
      <p className="region-help" aria-hidden="true">
        Drag a box around the QR code · Enter scans · Esc cancels
      </p>
    </div>
  );
}

export function RegionOverlay() {
  const image = useRegionImage();
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape' && !image) void api().regionCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [image]);
  if (!image) {
    return (
      <main className="region-waiting">
        <h1 className="visually-hidden">Select a region</h1>
        <p role="status">Preparing the screenshot…</p>
      </main>
    );
  }
  return (
    <main className="region-overlay">
      <h1 className="visually-hidden">Select a region to scan</h1>
      <Selector key={image.image.length + image.displayId} image={image} />
    </main>
  );
}
