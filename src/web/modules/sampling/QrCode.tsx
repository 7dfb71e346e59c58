/** A QR code as one SVG path (see qrPath): crisp on paper at any size, no canvas and no image to load. */
import QRCode from 'qrcode';
import { useMemo } from 'react';
import { QUIET_ZONE, qrPath } from './QrCardsModel';

// 'M' recovers ~15 % of a creased or smudged card; the codes are short, so the symbol stays 21 × 21.
const LEVEL = 'M';

export function QrCode({ text, sizeMm, label }: { text: string; sizeMm: number; label: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: LEVEL });
    return { size: modules.size, path: qrPath(modules.size, (r, c) => modules.get(r, c) === 1) };
  }, [text]);
  const q = QUIET_ZONE;
  return (
    <svg
      viewBox={`${-q} ${-q} ${size + 2 * q} ${size + 2 * q}`}
      width={`${sizeMm}mm`}
      height={`${sizeMm}mm`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="qr-code"
      data-code={text}
    >
      <rect x={-q} y={-q} width={size + 2 * q} height={size + 2 * q} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
