// Open shadow roots (issue 23, R9): sign-in widgets built as web components keep their code
// field inside one, often inside another. The extension looks into open roots, never closed
// ones (those are the component's own business, and the extension's own UI lives in closed
// roots). The walk is bounded, so a page cannot make it run long.

const MAX_ELEMENTS = 20_000;
const MAX_ROOTS = 200;

/** The document and every open shadow root in it, outermost first. */
export function openRoots(doc: Document): (Document | ShadowRoot)[] {
  const roots: (Document | ShadowRoot)[] = [doc];
  let seen = 0;
  for (let i = 0; i < roots.length && roots.length < MAX_ROOTS; i++) {
    const walker = doc.createTreeWalker(roots[i]!, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (++seen > MAX_ELEMENTS) return roots;
      const root = (node as Element).shadowRoot;
      if (root) roots.push(root);
    }
  }
  return roots;
}

/** Every element matching `selector` in the document and its open shadow roots. */
export function deepQueryAll<E extends Element>(doc: Document, selector: string): E[] {
  return openRoots(doc).flatMap((root) => Array.from(root.querySelectorAll<E>(selector)));
}

/** `inner` is `outer` or inside it, across open shadow boundaries. */
export function deepContains(outer: Node, inner: Node | null): boolean {
  for (let node: Node | null = inner; node;) {
    if (node === outer) return true;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return false;
}

/** The element that has the focus, looking into open shadow roots. */
export function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
