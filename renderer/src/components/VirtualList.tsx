// A small windowing list: only the rows in view (plus a few) are in the DOM, so 1,000 accounts
// render and filter as fast as 10. Hand-written rather than a package because the rows have one
// fixed height (in rem, so it follows the text size) and the list needs just two things from it:
// render the visible slice and bring the active row into view; about 60 lines, no dependency.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { HTMLAttributes, ReactNode } from 'react';
import './virtual-list.css';

const OVERSCAN = 4;

/**
 * `npm run bench:ui` sets this (before the page's scripts run) to measure the same list with
 * every row in the DOM, so the benchmark can show what windowing saves. Nothing else sets it.
 */
const UNWINDOWED =
  (window as { __TRAYOTP_BENCH_UNWINDOWED__?: boolean }).__TRAYOTP_BENCH_UNWINDOWED__ === true;

function remToPx(rem: number): number {
  return rem * parseFloat(getComputedStyle(document.documentElement).fontSize || '16');
}

export function VirtualList({
  count,
  rowRem,
  activeIndex,
  renderRow,
  ...rest
}: {
  count: number;
  rowRem: number;
  activeIndex: number;
  renderRow: (index: number, style: { top: number; height: number }) => ReactNode;
} & HTMLAttributes<HTMLDivElement>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [rowHeight, setRowHeight] = useState(() => remToPx(rowRem));

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () => {
      setViewport(element.clientHeight || 600);
      setRowHeight(remToPx(rowRem));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [rowRem]);

  // Keep the active row in view (keyboard moves, search results).
  useEffect(() => {
    const element = ref.current;
    if (!element || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) {
      element.scrollTop = top + rowHeight - element.clientHeight;
    }
  }, [activeIndex, rowHeight]);

  const first = UNWINDOWED ? 0 : Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = UNWINDOWED
    ? count
    : Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + OVERSCAN);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++)
    rows.push(renderRow(i, { top: i * rowHeight, height: rowHeight }));

  return (
    <div
      ref={ref}
      className="virtual-list"
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      {...rest}
    >
      <div className="virtual-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
