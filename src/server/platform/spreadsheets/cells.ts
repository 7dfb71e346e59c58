/** Cell values as the spreadsheet readers give them, and their text and dates, for every importer. */

export type CellValue = string | number | boolean | Date | null;

/** A row as every reader gives it: its number on the sheet (1-based), column A first, a gap null. */
export interface SheetRow {
  row: number;
  cells: CellValue[];
}

/** A cell as text: numbers without exponent or float noise, dates as YYYY-MM-DD. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  return String(v).trim();
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A date from an Excel serial, a Date, or text: 2020-01-02, 2020/1/2, 2020.1.2, 2020年1月2日, 20200102. */
export function parseDate(v: CellValue): string | null | 'invalid' {
  if (v === null || v === '' || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    // Serials 1..2958465 are 1900-01-01..9999-12-31; a bare 8-digit number is yyyymmdd typed as a number.
    if (Number.isInteger(v) && v >= 19000101 && v <= 29991231) return parseDate(String(v));
    if (v < 1 || v > 2958465) return 'invalid';
    return new Date(EXCEL_EPOCH_MS + Math.floor(v) * 86_400_000).toISOString().slice(0, 10);
  }
  const s = String(v).trim();
  if (!s) return null;
  const m = /^(\d{4})(?:[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})日?|(\d{2})(\d{2}))(?:[ T].*)?$/.exec(s);
  if (!m) return /^\d+(\.\d+)?$/.test(s) ? parseDate(Number(s)) : 'invalid';
  const [y, mo, d] = [Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return 'invalid';
  return date.toISOString().slice(0, 10);
}
