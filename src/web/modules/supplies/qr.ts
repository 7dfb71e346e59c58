import QRCode from 'qrcode';

/** A QR code as one SVG path (a dark module is a 1 × 1 square), crisp on paper at any size — as the posts' QR card draws it. */
export function qrSvgPath(text: string): { size: number; d: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  let d = '';
  for (let r = 0; r < modules.size; r++) for (let c = 0; c < modules.size; c++) if (modules.get(r, c)) d += `M${c} ${r}h1v1h-1z`;
  return { size: modules.size, d };
}

/** The label text of a shelf (a store × item) and of a kit: the store's own code, then what the shelf holds. */
export const shelfCode = (storeQr: string, itemId: number) => `${storeQr}:I${itemId}`;
export const kitCode = (kitId: number) => `WGS-KIT:${kitId}`;
