/**
 * Transport boxes (转运箱, 箱绑管): the shape the API answers and the pure steps of the box screen — the scanned
 * list kept on the phone until it is sent, and reading the server's refusals (which barcode, and why; which
 * count) out of an error, so the screen can mark the list instead of throwing it away.
 */
import { normalizeBarcode } from '../../../domain/sampling/rules';
import type { Box as BoxRow } from '../../../domain/sampling/api';
import { ApiError } from '../../app/api';

/** A box as listed; `barcodes` only from GET /api/sampling/boxes/:id (the tubes in it). */
export type Box = BoxRow & { barcodes?: string[] };

export type ScanOutcome = { kind: 'added'; code: string } | { kind: 'twice'; code: string } | { kind: 'format'; raw: string };

/** One scan into a list: normalised like the server does, refused when it is no barcode, ignored when already there. */
export function addScan(list: readonly string[], raw: string): { list: string[]; outcome: ScanOutcome } {
  const code = normalizeBarcode(raw);
  if (!code) return { list: [...list], outcome: { kind: 'format', raw: raw.trim() } };
  if (list.includes(code)) return { list: [...list], outcome: { kind: 'twice', code } };
  return { list: [...list, code], outcome: { kind: 'added', code } };
}

/** The reasons the server gives per barcode in a BOX_TUBES refusal that it leaves untranslated. */
export const TUBE_PROBLEMS = ['tube_open', 'other_box'] as const;
export type TubeProblem = (typeof TUBE_PROBLEMS)[number];

/**
 * BOX_TUBES → barcode → reason: a problem code the screen translates, or text already in the user's language
 * (an unknown barcode comes back as the platform's "not found, or no access").
 */
export function tubeProblems(e: unknown): Record<string, { code: TubeProblem } | { text: string }> | null {
  if (!(e instanceof ApiError) || e.code !== 'BOX_TUBES') return null;
  return Object.fromEntries(
    Object.entries(e.fields).map(([barcode, why]) => [
      barcode,
      (TUBE_PROBLEMS as readonly string[]).includes(why) ? { code: why as TubeProblem } : { text: why },
    ]),
  );
}

export interface Mismatch {
  /** Tubes registered in the box. */
  expected: number;
  /** The count the courier typed. */
  counted: number;
  /** How many were re-scanned at the hand-over, when they were. */
  scanned: number | null;
  missing: string[];
  extra: string[];
}

const list = (s: string | undefined) => (s ? s.split(',').filter(Boolean) : []);

/**
 * BOX_COUNT_MISMATCH → what the courier counted against what the box holds. The server sends the difference
 * of the typed count (`fields.count` = typed − in box, only when they differ) and the barcodes missing from /
 * extra to the re-scan; the box's number follows from either.
 */
export function mismatchOf(e: unknown, typed: number, scanned: number | null): Mismatch | null {
  if (!(e instanceof ApiError) || e.code !== 'BOX_COUNT_MISMATCH') return null;
  const missing = list(e.fields.missing);
  const extra = list(e.fields.extra);
  const expected = e.fields.count !== undefined ? typed - Number(e.fields.count) : scanned !== null ? scanned - extra.length + missing.length : typed;
  return { expected, counted: typed, scanned, missing, extra };
}
