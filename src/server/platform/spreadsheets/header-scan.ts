import { type CellValue, cellText } from './cells';
import { inspect, readBatches } from './threaded-reader';

/**
 * A small list read whole (a hotline's day, an enterprise's staff, the risk-area list): every row with its number,
 * then the header found among the first 20 rows (an export often has a title above it) by what the caller reads
 * as a column name. `tooMany` is thrown past `maxRows`; null columns when no row has the `required` ones.
 */
export async function readWithHeader<C extends string>(
  file: string,
  p: { columnOf: (header: string) => C | null | undefined; required: C[]; maxRows: number; tooMany: () => Error },
): Promise<{ columns: Partial<Record<C, number>>; rows: { row: number; cells: CellValue[] }[] } | null> {
  const info = await inspect(file);
  const all: { row: number; cells: CellValue[] }[] = [];
  for await (const batch of readBatches({ ...info, headerRow: 0 })) {
    for (const r of batch) {
      all.push(r);
      if (all.length > p.maxRows + 20) throw p.tooMany();
    }
  }
  for (const candidate of all.slice(0, 20)) {
    const columns: Partial<Record<C, number>> = {};
    candidate.cells.forEach((c, i) => {
      const col = p.columnOf(cellText(c));
      if (col && columns[col] === undefined) columns[col] = i;
    });
    if (p.required.every((r) => columns[r] !== undefined)) return { columns, rows: all.filter((r) => r.row > candidate.row) };
  }
  return null;
}
