import { createWriteStream } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import { deserialize, serialize } from 'node:v8';
import { PRIVATE_FILE_MODE } from '../../../db/private-folder';
import type * as imports from '../imports-repo';
import type { ParsedRow } from './row-rules';

/**
 * The rows validation parsed, kept beside the upload so the commit that follows need not read and parse the
 * sheet again: unzipping, the XML and the row rules are most of the CPU an import spends outside the database
 * (bench:import: about 3 s of CPU for 100,000 rows, against 0.3 s to read them back from here).
 *
 * What is kept is only what the file alone decides — each row parsed, or its problems. What depends on the
 * registry (an ID number registered since, an area) is checked again at commit, as before. The file is written
 * as `.partial` and renamed only when validation has read the whole sheet, and it names what it was parsed
 * under (the mapping, the sheet, the header row, the day): a commit under anything else reads the sheet again.
 * It holds the same personal data as the upload, in the same private folder (0600); the commit deletes it when
 * it ends, and the upload sweep would delete a leftover with the upload.
 */
/** A batch of a sheet's rows as parsed: how many, their sheet row numbers, each row's parse or its problems. */
export interface ParsedBatch {
  rows: number;
  rowNos: number[];
  lastRow: number;
  parsed: ParsedRow[];
  errors: imports.ImportError[];
}

const pathOf = (upload: string) => `${upload}.parsed`;

/** What a cache was parsed under; a commit uses it only under the same. */
export function cacheKey(job: imports.ImportRow, today: string): string {
  return JSON.stringify({
    mapping: job.mapping,
    sheet: job.sheet,
    headerRow: job.header_row,
    format: job.format,
    encoding: job.encoding,
    size: job.size_bytes,
    today,
  });
}

function frame(payload: Buffer): Buffer[] {
  const len = Buffer.alloc(4);
  len.writeUInt32LE(payload.length);
  return [len, payload];
}

export interface CacheWriter {
  /** Serialises the batch at once: validation adds the registry's problems to `errors` after. */
  add(b: ParsedBatch): Promise<void>;
  /** The whole sheet was read: the cache may be used. */
  finish(): Promise<void>;
  abandon(): Promise<void>;
}

export async function writeParsedCache(upload: string, key: string): Promise<CacheWriter> {
  const partial = `${pathOf(upload)}.partial`;
  const out = createWriteStream(partial, { mode: PRIVATE_FILE_MODE });
  // A write that fails (a full disk) fails the validation at its next batch or at its end, never the process.
  let failed: Error | null = null;
  out.on('error', (e) => (failed ??= e));
  await once(out, 'open');
  const write = async (chunks: Buffer[]) => {
    if (failed) throw failed;
    let ok = true;
    for (const c of chunks) ok = out.write(c) && ok;
    if (!ok) await once(out, 'drain');
  };
  await write(frame(serialize(key)));
  const close = () => new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return {
    add: (b) => write(frame(serialize(b))),
    async finish() {
      await close();
      await rename(partial, pathOf(upload));
    },
    async abandon() {
      out.destroy();
      await unlink(partial).catch(() => {});
    },
  };
}

/** The cached batches, re-cut to `size` rows, or null when there is no cache parsed under `key`. */
export async function readParsedCache(upload: string, key: string, size: number): Promise<AsyncGenerator<ParsedBatch> | null> {
  const opened = await open(pathOf(upload), 'r').catch(() => null);
  if (!opened) return null;
  const fh = opened;
  let at = 0;
  const next = async (): Promise<unknown> => {
    const len = Buffer.alloc(4);
    if ((await fh.read(len, 0, 4, at)).bytesRead < 4) return undefined;
    const payload = Buffer.alloc(len.readUInt32LE(0));
    const { bytesRead } = await fh.read(payload, 0, payload.length, at + 4);
    if (bytesRead < payload.length) throw new Error('the parsed rows kept for this import end early');
    at += 4 + payload.length;
    return deserialize(payload);
  };
  // Kept under another key, or not readable as ours: the commit reads the sheet instead.
  const ours = await next().then(
    (k) => k === key,
    () => false,
  );
  if (!ours) {
    await fh.close();
    return null;
  }
  async function* batches(): AsyncGenerator<ParsedBatch> {
    try {
      for (let b = (await next()) as ParsedBatch | undefined; b; b = (await next()) as ParsedBatch | undefined) yield b;
    } finally {
      await fh.close();
    }
  }
  return recut(batches(), size);
}

export async function dropParsedCache(upload: string): Promise<void> {
  await unlink(pathOf(upload)).catch(() => {});
}

/** Batches of `size` rows out of batches of another size, each row's parse and problems kept with it. */
async function* recut(source: AsyncIterable<ParsedBatch>, size: number): AsyncGenerator<ParsedBatch> {
  let acc: ParsedBatch | null = null;
  for await (const b of source) {
    acc = acc
      ? {
          rows: acc.rows + b.rows,
          rowNos: acc.rowNos.concat(b.rowNos),
          lastRow: b.lastRow,
          parsed: acc.parsed.concat(b.parsed),
          errors: acc.errors.concat(b.errors),
        }
      : b;
    while (acc && acc.rows >= size) {
      const [head, rest] = cut(acc, size);
      yield head;
      acc = rest;
    }
  }
  if (acc?.rows) yield acc;
}

function cut(b: ParsedBatch, size: number): [ParsedBatch, ParsedBatch | null] {
  if (b.rows === size) return [b, null];
  const rowNos = b.rowNos.slice(0, size);
  const last = rowNos[rowNos.length - 1];
  const head = { rows: size, rowNos, lastRow: last, parsed: b.parsed.filter((p) => p.row <= last), errors: b.errors.filter((e) => e.row <= last) };
  const restNos = b.rowNos.slice(size);
  const rest = {
    rows: restNos.length,
    rowNos: restNos,
    lastRow: b.lastRow,
    parsed: b.parsed.filter((p) => p.row > last),
    errors: b.errors.filter((e) => e.row > last),
  };
  return [head, rest];
}
