import { type CellValue, cellText } from './cells';
import { SheetError, type SheetFormat, type SheetInfo, type SheetRow } from './read-sheet';

/**
 * Finding the header row among a sheet's top rows: pure work on rows already read, so the reading can run in a
 * worker thread (threaded-reader.ts) while an importer's own scoring of headers stays where it is.
 */
/** Headers are names, not essays; longer cells are cut so a mapping can still name them. */
const MAX_HEADER_CHARS = 60;

export function isEmptyRow(cells: CellValue[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

/**
 * How much a row looks like the header row an importer expects (e.g. how many headers it recognises). The
 * default finds none, so the first non-empty row of the first non-empty sheet is taken.
 */
export type HeaderScore = (cells: string[]) => number;
export const noHeaderScore: HeaderScore = () => 0;

/** The first rows of every sheet (HEADER_SEARCH_ROWS each), where the header row is looked for. */
export interface SheetHead {
  format: SheetFormat;
  encoding: import('./read-sheet').TextEncoding | null;
  sheetNames: string[];
  rows: Array<{ sheet: string; row: number; cells: CellValue[] }>;
}

/** The sheet that holds the roster and its header row, from the top rows: what the mapping step shows. */
export function chooseHeader(path: string, head: SheetHead, headerScore: HeaderScore = noHeaderScore): SheetInfo {
  const { format, encoding, sheetNames } = head;
  let best: { sheet: string; row: number; cells: CellValue[]; score: number } | null = null;
  let firstNonEmpty: { sheet: string; row: number; cells: CellValue[] } | null = null;
  for (const item of head.rows) {
    if (isEmptyRow(item.cells)) continue;
    firstNonEmpty ??= item;
    const score = headerScore(item.cells.map(cellText));
    if (score > (best?.score ?? 0)) best = { ...item, score };
  }
  const chosen = best ?? firstNonEmpty;
  if (format === 'xlsx' && sheetNames.length === 0) throw new SheetError('no_sheet');
  if (!chosen) throw new SheetError('no_data');
  return {
    path,
    format,
    encoding,
    sheet: format === 'xlsx' ? chosen.sheet : null,
    sheetNames,
    headerRow: chosen.row,
    headers: headerNames(chosen.cells),
  };
}

/** Header texts, with blanks and repeats made unique so a mapping can name each column. */
export function headerNames(cells: CellValue[]): string[] {
  const seen = new Map<string, number>();
  let last = cells.length;
  while (last > 0 && !cellText(cells[last - 1])) last--;
  return cells.slice(0, last).map((c, i) => {
    const base = cellText(c).slice(0, MAX_HEADER_CHARS) || `#${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** The header row of a sheet chosen in the mapping step: the best-scoring of its top rows. */
export function chooseSheetHeader(
  format: SheetFormat,
  sheet: string,
  head: { found: boolean; rows: SheetRow[] },
  headerScore: HeaderScore = noHeaderScore,
): { headerRow: number; headers: string[] } {
  let best: { row: number; cells: CellValue[]; score: number } | null = null;
  for (const item of head.rows) {
    if (isEmptyRow(item.cells)) continue;
    const score = headerScore(item.cells.map(cellText));
    if (!best || score > best.score) best = { row: item.row, cells: item.cells, score };
  }
  if (format !== 'xlsx' || !head.found) throw new SheetError('no_sheet', { sheet });
  if (!best) throw new SheetError('no_data');
  return { headerRow: best.row, headers: headerNames(best.cells) };
}
