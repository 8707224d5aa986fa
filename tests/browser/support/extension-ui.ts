// Reading and clicking the extension's own UI in a page, as a person would. The extension keeps
// its message box in a closed shadow root, which page scripts (and Playwright's locators) cannot
// enter; the DevTools protocol can (DOM.getDocument with pierce), and its box model gives where
// to click with the real mouse, so the click is a trusted one.
import type { CDPSession, Frame, Page } from 'playwright-core';

interface DomNode {
  nodeId: number;
  nodeName: string;
  nodeValue?: string;
  documentURL?: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

export interface MessageBox {
  /** The box's text, lines joined by "\n" (buttons not included). */
  text: string;
  buttons: { label: string; x: number; y: number; secondary: boolean }[];
}

function textOf(node: DomNode): string {
  if (node.nodeName === '#text') return node.nodeValue ?? '';
  return (node.children ?? []).map(textOf).join('');
}

function find(node: DomNode, test: (n: DomNode) => boolean): DomNode | undefined {
  if (test(node)) return node;
  for (const child of [
    ...(node.children ?? []),
    ...(node.shadowRoots ?? []),
    ...(node.contentDocument ? [node.contentDocument] : []),
  ]) {
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

async function sessionFor(
  page: Page,
  frame?: Frame,
): Promise<{ session: CDPSession; root: DomNode; offset: { x: number; y: number } }> {
  let session: CDPSession | undefined;
  let offset = { x: 0, y: 0 };
  if (frame && frame !== page.mainFrame()) {
    // A cross-site frame runs in its own process: its own session, its own coordinates.
    session = await page
      .context()
      .newCDPSession(frame)
      .catch(() => undefined);
    offset = await (
      await frame.frameElement()
    ).evaluate((node) => {
      const e = node as HTMLElement;
      const r = e.getBoundingClientRect();
      return { x: r.left + e.clientLeft, y: r.top + e.clientTop };
    });
  }
  const own = session !== undefined;
  session ??= await page.context().newCDPSession(page);
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as {
    root: DomNode;
  };
  if (frame && frame !== page.mainFrame() && !own) {
    const doc = find(root, (n) => n.nodeName === '#document' && n.documentURL === frame.url());
    if (!doc) throw new Error(`no document for ${frame.url()}`);
    return { session, root: doc, offset: { x: 0, y: 0 } };
  }
  return { session, root, offset };
}

/** The extension's message box in `frame` (default: the page's top frame), if one shows. */
export async function messageBox(page: Page, frame?: Frame): Promise<MessageBox | undefined> {
  const { session, root, offset } = await sessionFor(page, frame);
  try {
    const host = find(root, (n) => n.nodeName === 'TRAYOTP-MESSAGE');
    const box = host?.shadowRoots?.[0]?.children?.find((n) => n.nodeName === 'DIV');
    if (!box) return undefined;
    const lines: string[] = [];
    const buttons: MessageBox['buttons'] = [];
    for (const child of box.children ?? []) {
      if (child.nodeName === 'BUTTON') {
        const { model } = (await session.send('DOM.getBoxModel', { nodeId: child.nodeId })) as {
          model: { content: number[] };
        };
        const [x1, y1, x2, , , y3] = model.content as [
          number,
          number,
          number,
          number,
          number,
          number,
        ];
        const attributes = (
          (await session.send('DOM.getAttributes', { nodeId: child.nodeId })) as {
            attributes: string[];
          }
        ).attributes;
        buttons.push({
          label: textOf(child),
          x: offset.x + (x1 + x2) / 2,
          y: offset.y + (y1 + y3) / 2,
          secondary: attributes.includes('secondary'),
        });
      } else {
        lines.push(textOf(child));
      }
    }
    return { text: lines.join('\n'), buttons };
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** Clicks the message box's button labelled `label` with the real mouse. */
export async function clickMessageButton(
  page: Page,
  label: string | RegExp,
  frame?: Frame,
): Promise<void> {
  const box = await messageBox(page, frame);
  const button = box?.buttons.find((b) =>
    typeof label === 'string' ? b.label === label : label.test(b.label),
  );
  if (!button) throw new Error(`no button ${String(label)} in ${JSON.stringify(box)}`);
  await page.mouse.click(button.x, button.y);
}
