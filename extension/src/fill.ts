// Putting a code into a field the person can see, and only such a field: a hidden, transparent,
// off-screen or covered field (the clickjacking trick of laying a page over another) is refused,
// and so is a field under a layer that lets clicks through (hit-test.ts). The same check, run by
// a parent page on a frame's element, refuses a frame the parent covers (frame-chain.ts).
import { fieldInputs } from './field-detect';
import type { CodeField } from './field-detect';
import { deepElementFromPoint, withEverythingHittable } from './hit-test';
import { deepContains } from './shadow';

export type Unfillable = 'hidden' | 'covered';

/** The element's parent, stepping out of a shadow root to its host. */
function parentOf(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

function effectiveOpacity(element: Element): number {
  let opacity = 1;
  for (let e: Element | null = element; e; e = parentOf(e)) {
    opacity *= Number.parseFloat(getComputedStyle(e).opacity || '1');
  }
  return opacity;
}

/** The hit is the element's own label (or inside it): a label lies over its field by design. */
function isOwnLabel(hit: Element, element: HTMLElement): boolean {
  const label = hit.closest('label');
  return label !== null && label.control === element;
}

/** Why `element` cannot be seen at all (no hit-testing needed), or null. */
function whyHidden(element: HTMLElement): Unfillable | null {
  const rect = element.getBoundingClientRect();
  if (rect.width < 4 || rect.height < 4) return 'hidden';
  if (
    typeof element.checkVisibility === 'function' &&
    !element.checkVisibility({ opacityProperty: true, visibilityProperty: true })
  ) {
    return 'hidden';
  }
  if (effectiveOpacity(element) < 0.3) return 'hidden';
  const view = element.ownerDocument.defaultView!;
  if (
    rect.bottom < 0 ||
    rect.right < 0 ||
    rect.top > view.innerHeight ||
    rect.left > view.innerWidth
  ) {
    return 'hidden';
  }
  return null;
}

/** Whether anything but the element, its label or our UI is painted over it (hit-testing). */
function isCovered(element: HTMLElement, own: readonly Element[]): boolean {
  const rect = element.getBoundingClientRect();
  const doc = element.ownerDocument;
  const view = doc.defaultView!;
  // Several points inside the element must hit the element itself (or its label, or our UI).
  const points: [number, number][] = [
    [rect.left + rect.width / 2, rect.top + rect.height / 2],
    [rect.left + 3, rect.top + 3],
    [rect.right - 3, rect.top + 3],
    [rect.right - 3, rect.bottom - 3],
    [rect.left + 3, rect.bottom - 3],
  ];
  for (const [x, y] of points) {
    const inside = Math.min(Math.max(x, 0), view.innerWidth - 1);
    const insideY = Math.min(Math.max(y, 0), view.innerHeight - 1);
    const hit = deepElementFromPoint(doc, inside, insideY);
    if (!hit) return true;
    if (deepContains(element, hit) || own.includes(hit)) continue;
    if (isOwnLabel(hit, element)) continue;
    return true;
  }
  return false;
}

/**
 * Why `element` may not receive a code, or null when it may. `own` are the extension's own
 * elements (its buttons and messages), which never count as a cover. Anything else painted over
 * the element counts, however clear, and whether or not it lets clicks through.
 */
export function whyNotFillable(
  element: HTMLElement,
  own: readonly Element[] = [],
): Unfillable | null {
  return whyElementsNotFillable([element], own);
}

/** The checks that need no hit-testing first, then one hit-testing pass for all elements. */
function whyElementsNotFillable(
  elements: readonly HTMLElement[],
  own: readonly Element[],
): Unfillable | null {
  for (const element of elements) {
    const why = whyHidden(element);
    if (why) return why;
  }
  const covered = withEverythingHittable(elements[0]!.ownerDocument, () =>
    elements.some((element) => isCovered(element, own)),
  );
  return covered ? 'covered' : null;
}

export function whyFieldNotFillable(
  field: CodeField,
  own: readonly Element[] = [],
): Unfillable | null {
  return whyElementsNotFillable(fieldInputs(field), own);
}

const valueSetter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;

function setValue(input: HTMLInputElement, value: string): void {
  input.focus();
  // The prototype's setter, so frameworks that track the value (React) see the change.
  valueSetter.call(input, value);
  input.dispatchEvent(
    // composed: a page listening outside the field's shadow root hears it, as it hears typing.
    new InputEvent('input', {
      bubbles: true,
      composed: true,
      data: value,
      inputType: 'insertText',
    }),
  );
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function fillField(field: CodeField, code: string): void {
  if (field.kind === 'single') {
    setValue(field.input, code);
    return;
  }
  field.inputs.forEach((input, i) => setValue(input, code[i] ?? ''));
}
