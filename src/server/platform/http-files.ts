import { PassThrough, type Readable } from 'node:stream';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, tooLarge } from './errors';
import { readyASheetWorker } from './spreadsheets/threaded-reader';

/**
 * Files in and out of the API, written once: a module's upload routes take one file per request (a spreadsheet
 * to import) and its exports answer a spreadsheet download. The sheet itself is read and written by
 * `spreadsheets/` (with the formula guard); this file only moves the bytes.
 */

/**
 * Lets the routes of a module's plugin take one multipart file of at most `maxBytes` (beside a few small
 * fields, e.g. an area id). Busboy stops the file at the limit; `storeUpload` (spreadsheets/stored-upload.ts), which keeps it private
 * under the data folder, turns that into IMPORT_TOO_LARGE.
 */
export async function acceptUploads(app: FastifyInstance, maxBytes: number): Promise<void> {
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024 } });
}

/** The request's one file. Not multipart, no file part, or broken framing (a wrong boundary) is the client's error. */
export async function readUpload(req: FastifyRequest): Promise<MultipartFile> {
  if (!req.isMultipart()) throw badRequest('IMPORT_NO_FILE');
  const file = await req.file().catch(() => {
    throw badRequest('IMPORT_NO_FILE');
  });
  if (!file) throw badRequest('IMPORT_NO_FILE');
  return file;
}

/** The request's one file, a spreadsheet: a sheet reader is started as it begins to arrive (threaded-reader.ts). */
export async function readSheetUpload(req: FastifyRequest): Promise<MultipartFile> {
  const file = await readUpload(req);
  readyASheetWorker();
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Answers a spreadsheet download, never cached: its bytes, or a writer that streams into the answer (a failure
 * while writing cuts the answer off rather than sending half a file as whole). The file name is usually
 * Chinese, so it goes in `filename*` (RFC 6266, UTF-8), with `asciiName` for clients that only read `filename`.
 */
export function sendSpreadsheet(reply: FastifyReply, file: { fileName: string; asciiName: string }, body: Buffer | ((out: PassThrough) => Promise<unknown>)) {
  const ext = file.fileName.split('.').pop()?.toLowerCase() ?? 'xlsx';
  let payload: Buffer | PassThrough;
  if (Buffer.isBuffer(body)) payload = body;
  else {
    const out = new PassThrough();
    body(out).catch((e) => out.destroy(e));
    payload = out;
  }
  return reply
    .header('content-type', CONTENT_TYPES[ext] ?? CONTENT_TYPES.xlsx)
    .header('content-disposition', `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('cache-control', 'no-store')
    .send(payload);
}
