// A QR code drawn as one SVG path from the qrcode package's module matrix: no canvas, no data:
// URL, nothing the window's CSP has to allow. Dark modules on a white square with its quiet zone,
// in both themes (scanners need the contrast).
import QRCode from 'qrcode';
import { useMemo } from 'react';

export function QrCode({
  text,
  label,
  size = 208,
}: {
  text: string;
  label: string;
  size?: number;
}) {
  const { path, width } = useMemo(() => {
    const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    const n = modules.size;
    let d = '';
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        if (modules.get(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
      }
    }
    return { path: d, width: n + 8 };
  }, [text]);
  return (
    <svg
      className="sync-qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${width} ${width}`}
      shapeRendering="crispEdges"
    >
      <rect width={width} height={width} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
