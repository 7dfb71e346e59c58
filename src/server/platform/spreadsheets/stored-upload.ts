import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_FILE_MODE, makePrivate } from '../../db/private-folder';
import { badRequest, tooLarge } from '../errors';

/**
 * Uploaded spreadsheets (rosters, lab results, risk lists: personal data) are kept only in a private folder
 * under the data folder — 0700, each file 0600 — never in the system's shared temporary folder.
 */
const made = new Set<string>();

/** DATA_DIR/uploads, created private (and made private again if someone opened it) once per process. */
export function uploadFolder(dataDir: string): string {
  const dir = path.resolve(dataDir, 'uploads');
  if (!made.has(dir)) {
    makePrivate(dir);
    made.add(dir);
  }
  return dir;
}

/**
 * Streams an upload into `dir` as a new 0600 file and returns its path. Too large → 413; broken off or badly
 * framed → 400; nothing is left behind either way.
 */
export async function storeUpload(file: Readable, dir: string, maxBytes: number): Promise<string> {
  if (!made.has(dir)) {
    makePrivate(dir);
    made.add(dir);
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const dest = path.join(dir, `${randomUUID()}.upload`);
  const tooBig = () => tooLarge('IMPORT_TOO_LARGE', { mb: Math.round(maxBytes / 1048576) });
  try {
    await pipeline(file, createWriteStream(dest, { mode: PRIVATE_FILE_MODE }));
  } catch (e) {
    await unlink(dest).catch(() => {});
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooBig();
    // The upload broke off or its multipart framing is wrong: nothing was kept, the client may retry.
    throw badRequest('IMPORT_NO_FILE');
  }
  // Busboy stops a file at the size limit and marks it truncated rather than failing the stream.
  if ((file as Readable & { truncated?: boolean }).truncated) {
    await unlink(dest).catch(() => {});
    throw tooBig();
  }
  return dest;
}
