import { conflict } from '../errors';

/**
 * One heavy import (a spreadsheet being read or written to the database) per person at a time: a second,
 * while the first runs, is answered 409 with a clear message instead of doubling the load. Per process — on
 * PostgreSQL with several processes each keeps its own count, which still bounds every one of them.
 */
const running = new Set<number>();

export async function oneHeavyImport<T>(userId: number, fn: () => Promise<T>): Promise<T> {
  if (running.has(userId)) throw conflict('IMPORT_ONE_AT_A_TIME');
  running.add(userId);
  try {
    return await fn();
  } finally {
    running.delete(userId);
  }
}
