import type { PhotoRef } from '../../../domain/photos/api';
import { photoUrl } from '../../../domain/photos/api';
import type { Queryable } from '../../db/engine';
import { type Scope, scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';

/** The photos table's SQL (migration 0036). Bytes are read only by `readPhoto`; lists carry ids and times. */

export async function insertPhoto(db: Queryable, p: { uploadedBy: number; mime: string; bytes: Buffer }): Promise<number> {
  const [row] = await db.query<{ id: number }>('INSERT INTO photos (uploaded_by, mime, size, bytes) VALUES ($1, $2, $3, $4) RETURNING id', [
    p.uploadedBy,
    p.mime,
    p.bytes.length,
    p.bytes,
  ]);
  return row.id;
}

/** How many photos a person uploaded that no record has named yet (the cap on a day's unbound uploads). */
export async function unboundCount(db: Queryable, userId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM photos WHERE owner IS NULL AND uploaded_by = $1', [userId]);
  return row.n;
}

/** Binds the caller's unbound photos to a record; answers the ids it bound (fewer than asked = some were not theirs). */
export async function bind(tx: Queryable, p: { ids: number[]; userId: number; owner: string; ownerId: number; areaPath: string }): Promise<number[]> {
  const rows = await tx.query<{ id: number }>(
    `UPDATE photos SET owner = $3, owner_id = $4, area_path = $5, bound_at = now()
      WHERE id = ANY($1::int[]) AND uploaded_by = $2 AND owner IS NULL
      RETURNING id`,
    [p.ids, p.userId, p.owner, p.ownerId, p.areaPath],
  );
  return rows.map((r) => r.id);
}

export async function photosOf(db: Queryable, scope: Scope, owner: string, ownerIds: number[]): Promise<Map<number, PhotoRef[]>> {
  const out = new Map<number, PhotoRef[]>();
  if (!ownerIds.length) return out;
  const q = new SqlParams();
  const rows = await db.query<{ id: number; owner_id: number; uploaded_at: Date }>(
    `SELECT id, owner_id, uploaded_at FROM photos
      WHERE owner = ${q.add(owner)} AND owner_id = ANY(${q.add(ownerIds)}::int[]) AND ${scopeClause(scope, 'area_path', q)}
      ORDER BY id`,
    q.values,
  );
  for (const r of rows) {
    const list = out.get(r.owner_id) ?? [];
    list.push({ id: r.id, url: photoUrl(r.id), uploadedAt: r.uploaded_at.toISOString() });
    out.set(r.owner_id, list);
  }
  return out;
}

/** A photo's bytes, to whoever may see its record — or, before it is bound, to its uploader only. */
export async function readPhoto(
  db: Queryable,
  scope: Scope,
  userId: number,
  id: number,
): Promise<{ mime: string; bytes: Buffer; owner: string | null } | null> {
  const q = new SqlParams();
  const [row] = await db.query<{ mime: string; bytes: Uint8Array; owner: string | null }>(
    `SELECT mime, bytes, owner FROM photos
      WHERE id = ${q.add(id)}
        AND (CASE WHEN owner IS NULL THEN uploaded_by = ${q.add(userId)} ELSE ${scopeClause(scope, 'area_path', q)} END)`,
    q.values,
  );
  return row ? { mime: row.mime, owner: row.owner, bytes: Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) } : null;
}

/** Deletes the photos of records that are gone (a retention purge of their owner). */
export async function dropPhotos(tx: Queryable, owner: string, ownerIds: number[]): Promise<number> {
  if (!ownerIds.length) return 0;
  return tx.execute('DELETE FROM photos WHERE owner = $1 AND owner_id = ANY($2::int[])', [owner, ownerIds]);
}

/** Photos nobody named within a day: a form abandoned, a picture taken twice. */
export async function sweepUnbound(db: Queryable, olderThanHours: number): Promise<number> {
  return db.execute(`DELETE FROM photos WHERE owner IS NULL AND uploaded_at < now() - make_interval(hours => $1)`, [olderThanHours]);
}
