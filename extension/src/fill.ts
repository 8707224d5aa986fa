// Putting a code into a field the person can see, and only such a field: a hidden, transparent,
// off-screen or covered field (the clickjacking trick of laying a page over another) is refused.
import { fieldInputs } from './field-detect';
import type { CodeField } from './field-detect';

export type Unfillable = 'hidden' | 'covered';

function effectiveOpacity(element: Element): number {
  let opacity = 1;
  for (let e: Element | null = element; e; e = e.parentElement) {
    opacity *= Number.parseFloat(getComputedStyle(e).opacity || '1');
  }
  return opacity;
}

/** Why `element` may not receive a code, or null when it may. */
export function whyNotFillable(
  element: HTMLElement,
  own: readonly Element[] = [],
): Unfillable | null {
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
  // Several points inside the field must hit the field itself (or its label, or our button).
  const points: [number, number][] = [
    [rect.left + rect.width / 2, rect.top + rect.height / 2],
    [rect.left + 3, rect.top + 3],
    [rect.right - 3, rect.bottom - 3],
    [rect.left + 3, rect.bottom - 3],
  ];
  for (const [x, y] of points) {
    const inside = Math.min(Math.max(x, 0), view.innerWidth - 1);
    const insideY = Math.min(Math.max(y, 0), view.innerHeight - 1);
    const hit = element.ownerDocument.elementFromPoint(inside, insideY);
    if (!hit) return 'covered';
    if (hit === element || element.contains(hit) || own.includes(hit)) continue;
    if (hit instanceof HTMLLabelElement && hit.control === element) continue;
    return 'covered';
  }
  return null;
}

export function whyFieldNotFillable(
  field: CodeField,
  own: readonly Element[] = [],
): Unfillable | null {
  for (const input of fieldInputs(field)) {
    const why = whyNotFillable(input, own);
    if (why) return why;
  }
  return null;
}

const valueSetter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;

function setValue(input: HTMLInputElement, value: string): void {
  input.focus();
  // The prototype's setter, so frameworks that track the value (React) see the change.
  valueSetter.call(input, value);
  input.dispatchEvent(
    new InputEvent('input', { bubbles: true, data: value, inputType: 'insertText' }),
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

/**
 * Whether the browser vouches that nothing covers `element`, however translucent, including
 * layers of a parent page over this frame, which a frame cannot see with elementFromPoint
 * (IntersectionObserver v2, Chromium). Where the browser has no such observer, undefined.
 */
export function browserSaysVisible(element: Element): Promise<boolean | undefined> {
  if (
    typeof IntersectionObserverEntry === 'undefined' ||
    !('isVisible' in IntersectionObserverEntry.prototype)
  ) {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(
      (entries) => {
        observer.disconnect();
        resolve((entries[entries.length - 1] as { isVisible?: boolean }).isVisible === true);
      },
      { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    observer.observe(element);
  });
}
