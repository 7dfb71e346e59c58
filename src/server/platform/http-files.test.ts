import { readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBody } from '../testing/sheets';
import { DomainError } from './errors';
import { acceptUploads, readUpload, sendSpreadsheet } from './http-files';
import { storeUpload } from './spreadsheets/stored-upload';

/** The one place uploads are taken and spreadsheets sent: a bare app with a 1 KiB limit. */
let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  await acceptUploads(app, 1024);
  app.post('/up', async (req, reply) => {
    try {
      const file = await readUpload(req);
      const dest = await storeUpload(file.file, path.join(tmpdir(), `wangge-http-files-${process.pid}`), 1024);
      const info = await stat(dest);
      const text = await readFile(dest, 'utf8');
      await rm(dest);
      return { name: file.filename, mode: info.mode & 0o777, text };
    } catch (e) {
      if (e instanceof DomainError) return reply.status(400).send({ code: e.code });
      throw e;
    }
  });
  app.get('/bytes', (_req, reply) => sendSpreadsheet(reply, { fileName: '居民台账-2026-12-03.xlsx', asciiName: 'export.xlsx' }, Buffer.from('xlsx')));
  app.get('/stream', (_req, reply) =>
    sendSpreadsheet(reply, { fileName: '结果.csv', asciiName: 'results.csv' }, async (out) => {
      out.write('a,b\n');
      out.end('1,2\n');
    }),
  );
});
afterAll(() => app.close());

describe('uploads', () => {
  it('keeps a file within the limit in a private file', async () => {
    const res = await app.inject({ method: 'POST', url: '/up', ...multipartBody('名单.csv', Buffer.from('code,level\n')) });
    expect(res.json()).toEqual({ name: '名单.csv', mode: 0o600, text: 'code,level\n' });
  });

  it('refuses a file past the limit, and a request without a file', async () => {
    const big = await app.inject({ method: 'POST', url: '/up', ...multipartBody('big.csv', Buffer.alloc(4096, 'a')) });
    expect(big.json()).toEqual({ code: 'IMPORT_TOO_LARGE' });
    const json = await app.inject({ method: 'POST', url: '/up', payload: { a: 1 } });
    expect(json.json()).toEqual({ code: 'IMPORT_NO_FILE' });
  });
});

describe('spreadsheet downloads', () => {
  it('sends bytes under a Chinese file name with an ASCII fallback, never cached', async () => {
    const res = await app.inject({ method: 'GET', url: '/bytes' });
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent('居民台账-2026-12-03.xlsx')}`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toBe('xlsx');
  });

  it('streams what a writer writes, typed by the file name', async () => {
    const res = await app.inject({ method: 'GET', url: '/stream' });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.body).toBe('a,b\n1,2\n');
  });
});
