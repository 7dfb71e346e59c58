/**
 * Camera scanning for the sampling desk, the part without a screen. A phone held over a tube or a printed
 * resident card sees the same code in frame after frame; the desk must act on it once. `ScanFilter` lets a
 * code through when it first appears and again only after it has been out of sight for `quietMs` — so a
 * code left in view never binds twice, and the next tube, or the same person shown again on purpose after
 * a pause, does.
 */
export class ScanFilter {
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly quietMs = 2500) {}

  /** Whether the desk should act on `text`, seen at `now` (ms). Every sighting counts as "still in view". */
  accept(text: string, now: number): boolean {
    const code = text.trim();
    if (!code) return false;
    const before = this.lastSeen.get(code);
    this.lastSeen.set(code, now);
    for (const [other, at] of this.lastSeen) if (now - at > this.quietMs * 4) this.lastSeen.delete(other);
    return before === undefined || now - before > this.quietMs;
  }
}

/** What the desk reads: tube labels (linear codes) and the printed resident / household QR codes. */
export const CAMERA_FORMATS = ['qr_code', 'code_128', 'code_39', 'code_93', 'codabar', 'ean_13', 'itf', 'data_matrix'] as const;

export interface Detector {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}

/**
 * The browser's own BarcodeDetector where it reads what we need (Chrome on Android, Safari), else the
 * ZXing WebAssembly one — loaded only when a desk opens the camera, its .wasm served by us (a desk may
 * have no way to a CDN).
 */
export async function loadDetector(): Promise<Detector> {
  const native = (globalThis as { BarcodeDetector?: { new (o: { formats: string[] }): Detector; getSupportedFormats(): Promise<string[]> } }).BarcodeDetector;
  if (native) {
    const supported = await native.getSupportedFormats().catch(() => [] as string[]);
    if (supported.includes('qr_code') && supported.includes('code_128')) return new native({ formats: CAMERA_FORMATS.filter((f) => supported.includes(f)) });
  }
  const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
    import('barcode-detector/ponyfill'),
    import('zxing-wasm/reader/zxing_reader.wasm?url'),
  ]);
  prepareZXingModule({ overrides: { locateFile: (file: string, prefix: string) => (file.endsWith('.wasm') ? wasmUrl : prefix + file) } });
  return new BarcodeDetector({ formats: [...CAMERA_FORMATS] });
}

/** Why the camera could not start, as a locale key. */
export function cameraProblem(e: unknown): 'insecure' | 'denied' | 'none' | 'busy' | 'other' {
  if (typeof window !== 'undefined' && !window.isSecureContext) return 'insecure';
  const name = (e as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'none';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'other';
}
