import { type DomainError, badRequest, tooLarge } from '../errors';
import type { SheetError } from './read-sheet';

/** A file that cannot be read, as the clear 4xx every importer answers with (messages in platform/messages.ts). */
export const SHEET_CODES: Record<SheetError['problem'], string> = {
  empty: 'IMPORT_EMPTY',
  not_spreadsheet: 'IMPORT_NOT_SPREADSHEET',
  encrypted: 'IMPORT_ENCRYPTED',
  old_xls: 'IMPORT_OLD_XLS',
  broken: 'IMPORT_BROKEN',
  no_sheet: 'IMPORT_NO_SHEET',
  no_data: 'IMPORT_NO_DATA',
  too_big: 'IMPORT_UNPACKS_TOO_BIG',
};

export function sheetProblem(e: SheetError, lang: 'zh' | 'en'): DomainError {
  const where = e.detail.line ? (lang === 'zh' ? `（第 ${e.detail.line} 行附近）` : ` (near line ${e.detail.line})`) : '';
  // A file that unpacks past what the server reads is refused as too large (413), like one over the upload limit.
  const err = e.problem === 'too_big' ? tooLarge(SHEET_CODES.too_big) : badRequest(SHEET_CODES[e.problem], { ...e.detail, where });
  if (e.cause !== undefined) err.cause = e.cause;
  return err;
}
