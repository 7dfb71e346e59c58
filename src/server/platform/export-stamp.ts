import type { Writable } from 'node:stream';
import type { Ctx } from './context';
import { conflict } from './errors';

/**
 * The stamp every export of personal data carries (issue 14, point 10): who exported it, when, under which request
 * and for what stated purpose — in the workbook's properties and as a footer line under the rows — and one such
 * export at a time per person (409 while one is still being written).
 */
export interface ExportStamp {
  creator: string;
  at: Date;
  requestId: string;
  purpose: string;
  /** The footer line, in Chinese (the files are read in China whatever the screen's language). */
  line: string;
}

export function stampOf(ctx: Ctx, purpose: string, timeZone: string): ExportStamp {
  const at = new Date();
  const creator = `${ctx.actor.displayName}（${ctx.actor.username}）`;
  const line = `导出人：${creator}　导出时间：${localTime(at, timeZone)}　请求编号：${ctx.requestId}　用途：${purpose}`;
  return { creator, at, requestId: ctx.requestId, purpose, line };
}

/** "2026-12-03 18:30:05" in the deployment's time zone (Sweden's locale writes ISO-like dates). */
function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(at);
}

const running = new Set<number>();

/**
 * Runs `prepare` (checks, count, audit row) and hands back a writer that holds the person's one export slot until
 * the file is written or the writing fails; a second export meanwhile is refused.
 */
export async function oneExportAtATime<T extends { write: (out: Writable) => Promise<unknown> }>(userId: number, prepare: () => Promise<T>): Promise<T> {
  if (running.has(userId)) throw conflict('EXPORT_ONE_AT_A_TIME');
  running.add(userId);
  let handedOver = false;
  try {
    const prepared = await prepare();
    handedOver = true;
    return {
      ...prepared,
      write: async (out: Writable) => {
        try {
          return await prepared.write(out);
        } finally {
          running.delete(userId);
        }
      },
    };
  } finally {
    if (!handedOver) running.delete(userId);
  }
}
