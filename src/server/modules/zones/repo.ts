import type { ZoneRuleSet } from '../../../domain/zones/rules';
import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { householdsAs, residentsAs } from '../residents/sql';
import { usersAs } from '../users/sql';

/**
 * Risk zones' SQL: the rule sets (deployment-wide reference data), zones and their history. Every read of a zone is
 * scoped by its area path. The people inside come from the registry's lent tables (`residentsAs`, `householdsAs`).
 */
export async function ruleSets(db: Queryable): Promise<(ZoneRuleSet & { id: number })[]> {
  const rows = await db.query<{
    id: number;
    code: string;
    version: number;
    name_zh: string;
    name_en: string;
    effective_from: string;
    levels: ZoneRuleSet['levels'];
    lifting: ZoneRuleSet['lifting'];
    green_channel_minutes: number;
  }>(
    `SELECT id, code, version, name_zh, name_en, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, levels, lifting, green_channel_minutes
       FROM zone_rule_sets ORDER BY effective_from, version`,
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    version: r.version,
    name: { zh: r.name_zh, en: r.name_en },
    effectiveFrom: r.effective_from,
    levels: r.levels,
    lifting: r.lifting,
    greenChannelMinutes: r.green_channel_minutes,
  }));
}

export interface ZoneRow {
  id: number;
  area_id: number;
  area_path: string;
  area_name: string;
  area_kind: string;
  level: string;
  level_since: string;
  declared_on: string;
  status: 'active' | 'lifted';
  lifted_on: string | null;
  note: string | null;
}

const d = (col: string, as: string) => `to_char(${col}, 'YYYY-MM-DD') AS ${as}`;
const ZONE_COLUMNS = `z.id, z.area_id, z.area_path, a.name AS area_name, a.kind AS area_kind, z.level, ${d('z.level_since', 'level_since')},
  ${d('z.declared_on', 'declared_on')}, z.status, ${d('z.lifted_on', 'lifted_on')}, z.note`;
const ZONE_FROM = `risk_zones z JOIN ${areasAs('a')} ON a.id = z.area_id`;

export async function listZones(db: Queryable, scope: Scope, p: { status: 'active' | 'lifted' | 'all'; underPath?: string; limit: number; offset: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'z.area_path', q)];
  if (p.status !== 'all') where.push(`z.status = ${q.add(p.status)}`);
  if (p.underPath) where.push(`z.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM risk_zones z WHERE ${w}`, q.values);
  const rows = await db.query<ZoneRow>(
    `SELECT ${ZONE_COLUMNS} FROM ${ZONE_FROM} WHERE ${w}
      ORDER BY z.status, z.level_since DESC, z.id DESC LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: n };
}

export async function findZone(db: Queryable, scope: Scope, id: number, forUpdate = false): Promise<ZoneRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<ZoneRow>(
    `SELECT ${ZONE_COLUMNS} FROM ${ZONE_FROM} WHERE z.id = ${q.add(id)} AND ${scopeClause(scope, 'z.area_path', q)}${forUpdate ? ' FOR UPDATE OF z' : ''}`,
    q.values,
  );
  return row ?? null;
}

/**
 * A zone the caller works in: one in their scope, or one holding their scope area (a building's captain works in
 * the estate's zone). `inside` is what of the zone they reach: the zone's path, or their own below it.
 */
export async function findZoneReaching(db: Queryable, scope: Scope, id: number): Promise<(ZoneRow & { inside: string }) | null> {
  const q = new SqlParams();
  const [row] = await db.query<ZoneRow>(
    `SELECT ${ZONE_COLUMNS} FROM ${ZONE_FROM}
      WHERE z.id = ${q.add(id)} AND (${scopeClause(scope, 'z.area_path', q)} OR ${q.add(scope.path)} LIKE z.area_path || '%')`,
    q.values,
  );
  if (!row) return null;
  return { ...row, inside: scope.path.startsWith(row.area_path) ? scope.path : row.area_path };
}

/** The live zone of an area, and the latest day any zone of that area has on record (a new start may not precede it). */
export async function areaRecord(tx: Queryable, areaId: number) {
  const [row] = await tx.query<{ live_id: number | null; live_level: string | null; latest: string | null }>(
    `SELECT (SELECT id FROM risk_zones WHERE area_id = $1 AND status = 'active') AS live_id,
            (SELECT level FROM risk_zones WHERE area_id = $1 AND status = 'active') AS live_level,
            (SELECT to_char(max(h.from_on), 'YYYY-MM-DD') FROM risk_zone_history h JOIN risk_zones z ON z.id = h.zone_id WHERE z.area_id = $1) AS latest`,
    [areaId],
  );
  return row;
}

export async function insertZone(tx: Queryable, z: { areaId: number; areaPath: string; level: string; fromOn: string; note: string | null; by: number }) {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO risk_zones (area_id, area_path, level, level_since, declared_on, note, created_by) VALUES ($1, $2, $3, $4, $4, $5, $6) RETURNING id`,
    [z.areaId, z.areaPath, z.level, z.fromOn, z.note, z.by],
  );
  return id;
}

export async function setLevel(tx: Queryable, id: number, level: string, since: string) {
  await tx.query(`UPDATE risk_zones SET level = $2, level_since = $3, updated_at = now() WHERE id = $1`, [id, level, since]);
}

export async function markLifted(tx: Queryable, id: number, on: string) {
  await tx.query(`UPDATE risk_zones SET status = 'lifted', lifted_on = $2, updated_at = now() WHERE id = $1`, [id, on]);
}

export async function addHistory(
  tx: Queryable,
  h: {
    zoneId: number;
    areaPath: string;
    kind: string;
    fromLevel: string | null;
    toLevel: string | null;
    fromOn: string;
    rule: string | null;
    note: string | null;
    by: number;
  },
) {
  await tx.query(
    `INSERT INTO risk_zone_history (zone_id, area_path, kind, from_level, to_level, from_on, rule, note, by_user) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [h.zoneId, h.areaPath, h.kind, h.fromLevel, h.toLevel, h.fromOn, h.rule, h.note, h.by],
  );
}

export interface HistoryRow {
  id: number;
  kind: string;
  from_level: string | null;
  to_level: string | null;
  from_on: string;
  rule: string | null;
  note: string | null;
  by_name: string | null;
  at: Date;
}

export async function historyOf(db: Queryable, zoneId: number) {
  return db.query<HistoryRow>(
    `SELECT h.id, h.kind, h.from_level, h.to_level, ${d('h.from_on', 'from_on')}, h.rule, h.note, u.display_name AS by_name, h.at
       FROM risk_zone_history h LEFT JOIN ${usersAs('u')} ON u.id = h.by_user WHERE h.zone_id = $1 ORDER BY h.id`,
    [zoneId],
  );
}

// The registry's people under the zone now: not moved out, not deceased, not merged into another record.
const LIVING = `r.merged_into IS NULL AND r.status IN ('present', 'away')`;

export async function peopleCount(db: Queryable, path: string) {
  const [row] = await db.query<{ people: number; households: number }>(
    `SELECT count(*)::int AS people, count(DISTINCT r.household_id)::int AS households FROM ${residentsAs('r')}
      WHERE r.area_path LIKE $1 AND ${LIVING}`,
    [`${path}%`],
  );
  return row;
}

export async function peopleInside(db: Queryable, path: string, p: { limit: number; offset: number }) {
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${residentsAs('r')} WHERE r.area_path LIKE $1 AND ${LIVING}`, [`${path}%`]);
  const rows = await db.query<{ id: number; name: string; id_number: string | null; area_name: string; address: string | null }>(
    `SELECT r.id, r.name, r.id_number, a.name AS area_name, h.address FROM ${residentsAs('r')}
       JOIN ${areasAs('a')} ON a.id = r.area_id LEFT JOIN ${householdsAs('h')} ON h.id = r.household_id
      WHERE r.area_path LIKE $1 AND ${LIVING} ORDER BY r.area_path, h.address, r.id LIMIT $2 OFFSET $3`,
    [`${path}%`, p.limit, p.offset],
  );
  return { rows, total: n };
}
