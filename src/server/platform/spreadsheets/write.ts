import type { Writable } from 'node:stream';
import type { ExportStamp } from '../export-stamp';
import type { AddWorksheetOptions, Row, Workbook, Worksheet } from '../exceljs';
import { excelJs } from '../exceljs';

/**
 * The formula guard, once for every workbook the server writes: a cell a spreadsheet program would run as a
 * formula or command — starting with = + - @, a tab, a carriage return or a line feed, also after leading
 * spaces — is written with a quote first, so it stays text (OWASP "CSV injection").
 */
export function neutralise(v: string): string {
  return /^[\s]*[=+\-@\t\r\n]/.test(v) ? `'${v}` : v;
}

/** neutralise() for a cell of any type: only text can hold a formula. */
export function safeCell<T>(v: T): T | string {
  return typeof v === 'string' ? neutralise(v) : v;
}

/**
 * A streamed list: `rows` yields arrays of cell texts, already masked as the caller may see them. Returns the row count.
 * `stamp`: an export of personal data — who, when, request and purpose go in the workbook's properties, in a line
 * under the rows and in the printed page's footer.
 */
export async function writeList(out: Writable, sheetName: string, headers: string[], rows: AsyncIterable<string[][]>, stamp?: ExportStamp) {
  const wb = new (excelJs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  if (stamp) stampBook(wb, stamp, sheetName);
  const sheet = wb.addWorksheet(sheetName, stamp ? stampedSheet(stamp) : undefined);
  sheet.columns = headers.map((h) => ({ header: h, width: Math.max(10, h.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let n = 0;
  for await (const batch of rows) {
    for (const r of batch) sheet.addRow(r.map((v) => neutralise(v ?? ''))).commit();
    n += batch.length;
  }
  if (stamp) for (const row of stampLine(sheet, stamp)) row.commit();
  await sheet.commit();
  await wb.commit();
  return n;
}

/** The stamp in a workbook's properties (streamed or built in memory): who, when, the purpose, the request. */
export function stampBook(
  wb: Pick<Workbook, 'creator' | 'lastModifiedBy' | 'created' | 'modified' | 'title' | 'subject' | 'description' | 'keywords'>,
  stamp: ExportStamp,
  title: string,
) {
  wb.creator = stamp.creator;
  wb.lastModifiedBy = stamp.creator;
  wb.created = stamp.at;
  wb.modified = stamp.at;
  wb.title = title;
  wb.subject = stamp.purpose;
  wb.description = stamp.line;
  wb.keywords = `request:${stamp.requestId}`;
}

/** A stamped sheet's options: the stamp as the printed page's footer. */
export function stampedSheet(stamp: ExportStamp): Partial<AddWorksheetOptions> {
  return { headerFooter: { oddFooter: `&L${footerText(stamp.line)}`, firstFooter: `&L${footerText(stamp.line)}` } };
}

/** The stamp as a line under a sheet's rows (a blank row first); a streamed sheet commits the rows returned. */
export function stampLine(sheet: Pick<Worksheet, 'addRow'>, stamp: ExportStamp): Row[] {
  const blank = sheet.addRow([]);
  const footer = sheet.addRow([neutralise(stamp.line)]);
  footer.font = { italic: true, color: { argb: 'FF666666' } };
  return [blank, footer];
}

/** A page footer's text: `&` starts a code there, so it is doubled. */
function footerText(s: string): string {
  return s.replace(/&/g, '&&');
}
