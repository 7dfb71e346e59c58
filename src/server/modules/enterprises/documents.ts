import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DOCUMENT_MAX_BYTES, sniffFileKind } from '../../../domain/enterprises/policy';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound, tooLarge } from '../../platform/errors';
import * as repo from './repo';
import { mustFind } from './register';
import { toDocument } from './view';

/**
 * The plans' small file store: a PDF, a .docx or a photo of the paper plan, its kind read from its bytes (a name
 * says nothing), capped in size, kept in the database beside the application that cites it.
 */

/** A .docx is a zip whose central directory names word/document.xml; reading the names is enough, nothing is unpacked. */
function zipHasWordPart(buf: Buffer): boolean {
  return buf.includes(Buffer.from('word/document.xml')) && buf.includes(Buffer.from('[Content_Types].xml'));
}

async function readCapped(file: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of file) {
      size += (chunk as Buffer).length;
      if (size > max) {
        file.resume();
        throw tooLarge('ENTERPRISES_DOCUMENT_TOO_LARGE', { mb: Math.round(max / 1048576) });
      }
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge('ENTERPRISES_DOCUMENT_TOO_LARGE', { mb: Math.round(max / 1048576) });
    throw e;
  }
  if ((file as Readable & { truncated?: boolean }).truncated) throw tooLarge('ENTERPRISES_DOCUMENT_TOO_LARGE', { mb: Math.round(max / 1048576) });
  return Buffer.concat(chunks);
}

export async function uploadDocument(ctx: Ctx, enterpriseId: number, kind: 'prevention_plan' | 'emergency_plan', upload: { filename: string; file: Readable }) {
  const e = await mustFind(ctx, enterpriseId);
  const content = await readCapped(upload.file, DOCUMENT_MAX_BYTES);
  if (!content.length) throw badRequest('IMPORT_NO_FILE');
  const fileKind = sniffFileKind(content.subarray(0, 8), content[0] === 0x50 && zipHasWordPart(content));
  if (!fileKind) throw badRequest('ENTERPRISES_DOCUMENT_KIND', {}, { file: 'invalid_format' });
  const fileName = path.basename(upload.filename || 'plan').slice(0, 200) || 'plan';
  const sha256 = createHash('sha256').update(content).digest('hex');
  const id = await ctx.db.tx(async (tx) => {
    const made = await repo.insertDocument(tx, { enterpriseId, areaPath: e.area_path, kind, fileKind, fileName, content, sha256, by: ctx.actor.userId });
    await audit(tx, ctx, {
      action: 'upload',
      entity: 'enterprise_document',
      entityId: made,
      areaPath: e.area_path,
      after: { enterpriseId, kind, fileKind, size: content.length, sha256 },
    });
    return made;
  });
  const doc = (await repo.documentsOf(ctx.db, enterpriseId)).find((d) => d.id === id)!;
  return toDocument(doc);
}

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  jpeg: 'image/jpeg',
  png: 'image/png',
} as const;

export async function downloadDocument(ctx: Ctx, id: number) {
  const d = await repo.findDocument(ctx.db, ctx.actor.scope, id);
  if (!d) throw notFound();
  const ext = d.file_kind === 'jpeg' ? 'jpg' : d.file_kind;
  return { contentType: CONTENT_TYPES[d.file_kind], fileName: d.file_name, asciiName: `plan-${d.id}.${ext}`, body: Buffer.from(d.content) };
}
