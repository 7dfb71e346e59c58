/** A QR code as one SVG path (see qrPath): crisp on paper at any size, no canvas and no image to load. */
import QRCode from 'qrcode';
import { useMemo } from 'react';
import { qrPath } from './QrCardsModel';

// 'M' recovers ~15 % of a creased or smudged card; the codes are short, so the symbol stays 21 × 21.
const LEVEL = 'M';

export function QrCode({ text, sizeMm, label }: { text: string; sizeMm: number; label: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: LEVEL });
    return { size: modules.size, path: qrPath(modules.size, (r, c) => modules.get(r, c) === 1) };
  }, [text]);
  // A quiet zone of two modules around the symbol, as scanners need.
  return (
    <svg
      viewBox={`-2 -2 ${size + 4} ${size + 4}`}
      width={`${sizeMm}mm`}
      height={`${sizeMm}mm`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="qr-code"
      data-code={text}
    >
      <rect x={-2} y={-2} width={size + 4} height={size + 4} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
