import { type DomainError, badRequest } from '../errors';
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
};

export function sheetProblem(e: SheetError, lang: 'zh' | 'en'): DomainError {
  const where = e.detail.line ? (lang === 'zh' ? `（第 ${e.detail.line} 行附近）` : ` (near line ${e.detail.line})`) : '';
  const err = badRequest(SHEET_CODES[e.problem], { ...e.detail, where });
  if (e.cause !== undefined) err.cause = e.cause;
  return err;
}
