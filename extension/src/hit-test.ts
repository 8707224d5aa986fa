// What a person sees at a point of the page (issue 23, R7). elementFromPoint skips layers with
// `pointer-events: none`, and a page can lay exactly such a clear layer over a field: the person
// clicks through it, yet sees what the layer paints. So while the extension looks, every element
// is made hit-testable: a style sheet in a cascade layer of our own, declared before any of the
// page's, whose !important rule outranks the page's own !important rules (and the same in every
// open shadow root); the page's inline !important values are set aside for that moment. All of
// it is put back before the function returns, in the same task, so the page never renders it.
import { openRoots } from './shadow';

const RULE =
  '@layer trayotp-hit-test { *, *::before, *::after { pointer-events: auto !important; } }';

let depth = 0;

/** Runs `look` with every element of `doc` (and its open shadow roots) hit-testable. */
export function withEverythingHittable<T>(doc: Document, look: () => T): T {
  // Nested calls (a split field's boxes) share the outer call's sheets.
  if (depth > 0) return look();
  depth++;
  const added: HTMLStyleElement[] = [];
  /** Elements whose inline !important value was set aside, with their style attribute as it was. */
  const inline: [HTMLElement, string][] = [];
  try {
    for (const root of openRoots(doc)) {
      const style = doc.createElement('style');
      style.textContent = RULE;
      const parent = root instanceof Document ? root.documentElement : root;
      parent.prepend(style);
      added.push(style);
      for (const element of Array.from(
        root.querySelectorAll<HTMLElement>('[style*="pointer-events" i]'),
      )) {
        const { style: css } = element;
        if (!css || css.getPropertyPriority('pointer-events') !== 'important') continue;
        inline.push([element, element.getAttribute('style') ?? '']);
        css.setProperty('pointer-events', 'auto', 'important');
      }
    }
    return look();
  } finally {
    depth--;
    for (const [element, attribute] of inline) element.setAttribute('style', attribute);
    for (const style of added) style.remove();
  }
}

/** The topmost element at (x, y), looking into open shadow roots. */
export function deepElementFromPoint(doc: Document, x: number, y: number): Element | null {
  let hit = doc.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}
