// What a person sees at a point of the page (issue 23, R7). elementFromPoint skips layers with
// `pointer-events: none`, and a page can lay exactly such a clear layer over a field: the person
// clicks through it, yet sees what the layer paints. So while the extension looks, every element
// is made hit-testable: a style sheet of ours, the document's first, holds a cascade layer whose
// !important rule outranks the page's own !important rules, and applies only while the root
// element carries our attribute; the look sets it, hit-tests, and takes it away again in the same
// task, so the page never renders it. (Adding the sheet per look would re-order cascade layers,
// which costs Chromium a full restyle: about 10 ms on a small page; the attribute about 1 ms.)
// The page's inline !important values, and open shadow roots, which document sheets do not
// reach, are set aside for that moment too and put back exactly as they were.
import { openRoots } from './shadow';

const ATTRIBUTE = 'data-trayotp-look';
// Elements only: rules for ::before/::after would make Chromium style both pseudo-elements of
// every element (several ms); pseudo-elements inherit the value from their element.
const ALL = (scope: string) => `${scope}, ${scope} *`;
const DOCUMENT_RULE = `@layer trayotp-hit-test { ${ALL(`:root[${ATTRIBUTE}]`)} { pointer-events: auto !important; } }`;
const SHADOW_RULE = `@layer trayotp-hit-test { ${ALL(':host')} { pointer-events: auto !important; } }`;

let sheet: HTMLStyleElement | undefined;

/** Our sheet, first among the document's (a page that moved or removed it gets it back). */
function ensureSheet(doc: Document): void {
  if (sheet?.isConnected && doc.styleSheets[0]?.ownerNode === sheet) return;
  sheet?.remove();
  sheet = doc.createElement('style');
  sheet.textContent = DOCUMENT_RULE;
  doc.documentElement.prepend(sheet);
}

let depth = 0;

/** Runs `look` with every element of `doc` (and its open shadow roots) hit-testable. */
export function withEverythingHittable<T>(doc: Document, look: () => T): T {
  // Nested calls (a split field's boxes) share the outer call's state.
  if (depth > 0) return look();
  depth++;
  const root = doc.documentElement;
  const added: HTMLStyleElement[] = [];
  /** Elements whose inline !important value was set aside, with their style attribute as it was. */
  const inline: [HTMLElement, string][] = [];
  try {
    ensureSheet(doc);
    root.setAttribute(ATTRIBUTE, '');
    for (const scope of openRoots(doc)) {
      if (scope instanceof ShadowRoot) {
        const style = doc.createElement('style');
        style.textContent = SHADOW_RULE;
        scope.prepend(style);
        added.push(style);
      }
      for (const element of Array.from(
        scope.querySelectorAll<HTMLElement>('[style*="pointer-events" i]'),
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
    root.removeAttribute(ATTRIBUTE);
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
