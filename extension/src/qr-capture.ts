// "Add to TrayOTP": an img, canvas or svg on the page → PNG bytes for the app to decode with its
// own QR pipeline. Drawn at most 1024 px on a side and refused over the protocol's byte bound, so
// a page cannot make the extension send it megabytes.
export const MAX_QR_IMAGE_BYTES = 400 * 1024;
const MAX_SIDE = 1024;

export type QrElement = HTMLImageElement | HTMLCanvasElement | SVGSVGElement;

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The image could not be loaded.'));
    image.src = src;
  });
}

async function drawable(
  element: QrElement,
): Promise<CanvasImageSource & { width: number; height: number }> {
  if (element instanceof HTMLCanvasElement) return element;
  if (element instanceof HTMLImageElement) {
    if (!element.complete) await element.decode();
    return element;
  }
  const rect = element.getBoundingClientRect();
  const copy = element.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  if (!copy.getAttribute('width')) copy.setAttribute('width', String(Math.round(rect.width)));
  if (!copy.getAttribute('height')) copy.setAttribute('height', String(Math.round(rect.height)));
  const text = new XMLSerializer().serializeToString(copy);
  if (text.length > 2 * 1024 * 1024) throw new Error('That picture is too large.');
  return loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`);
}

/** The element's pixels as PNG bytes, white behind transparent parts. */
export async function qrImageBytes(element: QrElement): Promise<Uint8Array> {
  const source = await drawable(element);
  const width = (source as HTMLImageElement).naturalWidth || source.width;
  const height = (source as HTMLImageElement).naturalHeight || source.height;
  if (!width || !height) throw new Error('The picture is empty.');
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  // Small crisp codes are drawn bigger, whole modules per pixel, so the decoder has room.
  const up = Math.max(1, Math.floor(256 / Math.max(width, height)));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale * up));
  canvas.height = Math.max(1, Math.round(height * scale * up));
  const context = canvas.getContext('2d')!;
  context.imageSmoothingEnabled = false;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  // A cross-origin picture taints the canvas: toBlob throws SecurityError, reported as such.
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The picture could not be read.');
  if (blob.size > MAX_QR_IMAGE_BYTES) throw new Error('That picture is too large to be a QR code.');
  return new Uint8Array(await blob.arrayBuffer());
}

/** Pictures on the page that could be a setup QR code: square-ish, 64 to 1000 px. */
export function qrCandidates(doc: Document): QrElement[] {
  const found: QrElement[] = [];
  for (const element of Array.from(doc.querySelectorAll('img, canvas, svg'))) {
    const rect = element.getBoundingClientRect();
    if (rect.width < 64 || rect.height < 64 || rect.width > 1000 || rect.height > 1000) continue;
    if (Math.abs(rect.width - rect.height) > rect.width * 0.15) continue;
    if (element.closest('svg') !== element && element instanceof SVGElement) continue;
    found.push(element as QrElement);
  }
  return found;
}
