import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { storeUpload, uploadFolder } from '../platform/spreadsheets/stored-upload';
import { openDb } from './engine';
import { OpenFolderError, makePrivate } from './private-folder';

/** The data folder and every stored upload are private: 0700 folders, 0600 files, fixed at the start when found open. */
const root = mkdtempSync(path.join(tmpdir(), 'wangge-private-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function everything(dir: string): string[] {
  const out = [dir];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...everything(p));
    else out.push(p);
  }
  return out;
}
const modeOf = (p: string) => lstatSync(p).mode & 0o777;

describe('the data folder', () => {
  it('a start on a folder open to everyone makes it 0700, its files 0600, and the database files stay private', async () => {
    const dataDir = path.join(root, 'open');
    mkdirSync(path.join(dataDir, 'uploads'), { recursive: true });
    writeFileSync(path.join(dataDir, 'uploads', 'old.upload'), 'name,id\n');
    chmodSync(path.join(dataDir, 'uploads', 'old.upload'), 0o666);
    chmodSync(path.join(dataDir, 'uploads'), 0o777);
    chmodSync(dataDir, 0o777);

    const db = await openDb({ dataDir });
    try {
      await db.exec('CREATE TABLE secrets (id_number text); INSERT INTO secrets VALUES ($$110101199003074518$$);');
    } finally {
      await db.close();
    }
    const all = everything(dataDir);
    expect(all.length).toBeGreaterThan(50); // PGlite's own files are among them
    const open = all.filter((p) => (modeOf(p) & 0o077) !== 0).map((p) => `${path.relative(dataDir, p)} ${modeOf(p).toString(8)}`);
    expect(open).toEqual([]);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'uploads'))).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'uploads', 'old.upload'))).toBe(0o600);
  }, 60_000);

  it('refuses with a clear message when the folder cannot be made private', () => {
    const dir = path.join(root, 'foreign');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    const denied = () => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    };
    let err: unknown;
    try {
      makePrivate(dir, denied);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OpenFolderError);
    expect((err as Error).message).toContain(`${dir} is open to other accounts`);
    expect((err as Error).message).toContain('0755');
    expect((err as Error).message).toContain('chmod -R go-rwx');
    expect((err as Error).message).toContain('EPERM');
  });

  it('stores an upload 0600 in the private uploads folder, never the system temp folder', async () => {
    const dataDir = path.join(root, 'up');
    const dir = uploadFolder(dataDir);
    const stored = await storeUpload(Readable.from([Buffer.from('管码,结果\n')]), dir, 1024);
    expect(path.dirname(stored)).toBe(path.join(dataDir, 'uploads'));
    expect(stored.startsWith(tmpdir() + path.sep + 'wangge-private-')).toBe(true); // under this test's data folder only
    expect(statSync(stored).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
