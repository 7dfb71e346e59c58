import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { LIVE_STATES } from './measures-repo';
import { areasAs } from '../areas/sql';

/** SQL of isolation sites and their rooms; a bed is taken by a live measure in the room. */
export interface SiteRow {
  id: number;
  name: string;
  address: string | null;
  area_id: number;
  area_path: string;
  area_name: string;
  closed_at: Date | null;
}
export interface RoomRow {
  id: number;
  site_id: number;
  code: string;
  capacity: number;
  occupied: number;
}

export async function findSite(db: Queryable, scope: Scope, id: number): Promise<SiteRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<SiteRow>(
    `SELECT s.id, s.name, s.address, s.area_id, s.area_path, a.name AS area_name, s.closed_at FROM isolation_sites s JOIN ${areasAs('a')} ON a.id = s.area_id
      WHERE s.id = ${q.add(id)} AND ${scopeClause(scope, 's.area_path', q)}`,
    q.values,
  );
  return row ?? null;
}

export async function listSites(db: Queryable, scope: Scope, underPath?: string): Promise<SiteRow[]> {
  const q = new SqlParams();
  const under = underPath ? `AND s.area_path LIKE ${q.add(underPath + '%')}` : '';
  return db.query<SiteRow>(
    `SELECT s.id, s.name, s.address, s.area_id, s.area_path, a.name AS area_name, s.closed_at FROM isolation_sites s JOIN ${areasAs('a')} ON a.id = s.area_id
      WHERE ${scopeClause(scope, 's.area_path', q)} ${under} ORDER BY s.name, s.id`,
    q.values,
  );
}

/** Rooms of these sites with how many live measures are in each. */
export async function roomsOf(db: Queryable, siteIds: number[]): Promise<RoomRow[]> {
  return db.query<RoomRow>(
    `SELECT r.id, r.site_id, r.code, r.capacity,
            (SELECT count(*)::int FROM measures m WHERE m.room_id = r.id AND m.state = ANY($2::text[])) AS occupied
       FROM isolation_rooms r WHERE r.site_id = ANY($1::int[]) ORDER BY r.site_id, r.code`,
    [siteIds, LIVE_STATES],
  );
}

export async function insertSite(tx: Queryable, s: { name: string; address: string | null; areaId: number; areaPath: string }): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(`INSERT INTO isolation_sites (name, address, area_id, area_path) VALUES ($1, $2, $3, $4) RETURNING id`, [
    s.name,
    s.address,
    s.areaId,
    s.areaPath,
  ]);
  return id;
}

/** Adds rooms; a code the site already has keeps its row and takes the new capacity. */
export async function upsertRooms(tx: Queryable, site: { id: number; area_id: number; area_path: string }, rooms: { code: string; capacity: number }[]) {
  await tx.query(
    `INSERT INTO isolation_rooms (site_id, area_id, area_path, code, capacity)
     SELECT $1, $2, $3, v.code, v.capacity FROM unnest($4::text[], $5::int[]) AS v(code, capacity)
     ON CONFLICT (site_id, code) DO UPDATE SET capacity = EXCLUDED.capacity`,
    [site.id, site.area_id, site.area_path, rooms.map((r) => r.code), rooms.map((r) => r.capacity)],
  );
}

/** How many live measures a room holds, locking the room row so two transfers cannot both take the last bed. */
export async function roomForUpdate(tx: Queryable, siteId: number, roomId: number): Promise<(RoomRow & { area_path: string }) | null> {
  const [room] = await tx.query<RoomRow & { area_path: string }>(
    `SELECT r.id, r.site_id, r.code, r.capacity, r.area_path, 0 AS occupied FROM isolation_rooms r WHERE r.id = $1 AND r.site_id = $2 FOR UPDATE`,
    [roomId, siteId],
  );
  if (!room) return null;
  const [{ n }] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM measures WHERE room_id = $1 AND state = ANY($2::text[])`, [
    roomId,
    LIVE_STATES,
  ]);
  return { ...room, occupied: n };
}
