import { nextIdSql } from '../../../db/next-id';
import type { BulkPlans } from '../../../db/bulk-plans';
import type { Queryable } from '../../../db/engine';
import { areasAs } from '../../areas/sql';
import { type AuditActor, type AuditEvent, auditMany } from '../../../platform/audit';
import { type Scope, pathInScope } from '../../../platform/scope';
import type { ImportError } from '../imports-repo';
import type { AreaResolver, ImportArea } from './area-resolver';
import type { ImportField } from './fields';
import { GROUPS_SQL, VALUE_ARRAYS, VALUE_NAMES, type Values, insertNew, valueParams } from './new-rows';
import type { ParsedRow } from './row-rules';

/**
 * The database half of an import, a batch of parsed rows at a time: checks that need the registry
 * (ID numbers in the file twice or registered elsewhere, areas), then the writes — households found
 * or created, residents created or updated by ID number — each as a few set-based statements.
 */
export interface JobState {
  importId: number;
  scope: Scope;
  today: string;
  areas: AreaResolver;
  headerOf: (f: ImportField) => string;
  /** ID number → first row with it, across the whole file. */
  seenIds: Map<string, number>;
  /** area|address|unit|room → household id, across the job. */
  households: Map<string, number>;
  actor: AuditActor;
  /** How new records are written: COPY into a staging table on PostgreSQL, arrays unnested on PGlite (new-rows.ts). */
  bulk: 'copy' | 'unnest';
  /** When the batches' key checks are planned afresh. */
  plans: BulkPlans;
}

interface Existing {
  id: number;
  area_id: number;
  area_path: string;
  area_name: string;
  household_id: number | null;
  relation: string | null;
  name: string;
  id_type: string;
  id_number: string | null;
  sex: 'M' | 'F' | null;
  birth_date: string | null;
  phone: string | null;
  phone2: string | null;
  registered_address: string | null;
  groups: string[];
  status: string;
  away_where: string | null;
  notes: string | null;
}

export interface ReadyRow {
  p: ParsedRow;
  area: ImportArea;
  existing: Existing | null;
}

const PROBLEM = {
  dupInFile: (row: number) => ({ zh: `与第 ${row} 行的证件号码重复`, en: `same ID number as row ${row}` }),
  // The place is not named: outside the importer's scope even a masked name says where someone lives.
  takenElsewhere: {
    zh: '该证件号码已在您管辖范围以外登记',
    en: 'this ID number is registered outside your area',
  },
  areaNotFound: { zh: '在本次导入的区域下找不到该区域', en: 'no such area under the area of this import' },
  areaAmbiguous: {
    zh: '有多个同名区域，请填写 12 位区划代码或“上级/名称”',
    en: 'several areas have this name; use the 12-digit division code or "parent/name"',
  },
};

const EXISTING_COLUMNS = `r.id, r.area_id, r.area_path, a.name AS area_name, r.household_id, r.relation, r.name, r.id_type, r.id_number,
  r.sex, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date, r.phone, r.phone2, r.registered_address, r.groups, r.status,
  r.away_where, r.notes`;

/** Checks that need the registry. Rows that pass come back ready to write, with the record they update. */
export async function checkBatch(db: Queryable, st: JobState, rows: ParsedRow[]): Promise<{ ready: ReadyRow[]; problems: ImportError[] }> {
  const problems: ImportError[] = [];
  const ids = [...new Set(rows.map((r) => r.idNumber).filter((n): n is string => !!n))];
  const existing = new Map<string, Existing>();
  if (ids.length) {
    // One index probe per number (the unique index, whatever the statistics say): during an import the table's
    // statistics predate the rows the import itself added, and with `= ANY` the planner then chose to scan every
    // current record per batch — quadratic over a file (measured on PGlite: most of a 100,000-row commit).
    const found = await db.query<Existing>(
      `SELECT ${EXISTING_COLUMNS} FROM unnest($1::text[]) AS k(id_number)
         CROSS JOIN LATERAL (SELECT * FROM residents x WHERE x.id_number = k.id_number AND x.merged_into IS NULL OFFSET 0) r
         JOIN ${areasAs('a')} ON a.id = r.area_id`,
      [ids],
    );
    for (const e of found) existing.set(e.id_number!, e);
  }
  const ready: ReadyRow[] = [];
  for (const p of rows) {
    const before = problems.length;
    if (p.idNumber) {
      const first = st.seenIds.get(p.idNumber);
      if (first !== undefined && first !== p.row) problems.push({ row: p.row, column: st.headerOf('idNumber'), ...PROBLEM.dupInFile(first) });
      else st.seenIds.set(p.idNumber, p.row);
    }
    const e = p.idNumber ? (existing.get(p.idNumber) ?? null) : null;
    if (e && !pathInScope(st.scope, e.area_path)) {
      problems.push({ row: p.row, column: st.headerOf('idNumber'), ...PROBLEM.takenElsewhere });
    }
    const place = st.areas.resolve(p.area);
    if ('problem' in place) {
      problems.push({ row: p.row, column: st.headerOf('area'), ...(place.problem === 'ambiguous' ? PROBLEM.areaAmbiguous : PROBLEM.areaNotFound) });
    }
    if (problems.length === before) ready.push({ p, area: (place as { area: ImportArea }).area, existing: e });
  }
  return { ready, problems };
}

async function reserveIds(tx: Queryable, n: number): Promise<number[]> {
  if (!n) return [];
  const rows = await tx.query<{ id: number }>(`SELECT ${nextIdSql('residents')}::int AS id FROM generate_series(1, $1::int)`, [n]);
  return rows.map((x) => x.id);
}

function householdKey(areaId: number, h: NonNullable<ParsedRow['household']>) {
  return `${areaId}|${h.address}|${h.unit ?? ''}|${h.room ?? ''}`;
}

/** The household of each row that names one: found by area and address, created when new. */
async function resolveHouseholds(
  tx: Queryable,
  st: JobState,
  rows: ReadyRow[],
  headOf: (r: ReadyRow) => number | null,
): Promise<{ ids: Array<number | null>; headed: Set<number> }> {
  const headed = new Set<number>();
  const wanted = new Map<string, { area: ImportArea; h: NonNullable<ParsedRow['household']>; head: number | null }>();
  for (const r of rows) {
    if (!r.p.household) continue;
    const key = householdKey(r.area.id, r.p.household);
    if (st.households.has(key)) continue;
    const w = wanted.get(key) ?? { area: r.area, h: r.p.household, head: null };
    w.head ??= headOf(r);
    wanted.set(key, w);
  }
  if (wanted.size) {
    const list = [...wanted.values()];
    const found = await tx.query<{ id: number; area_id: number; address: string; unit: string | null; room: string | null }>(
      `SELECT id, area_id, address, unit, room FROM households WHERE area_id = ANY($1::int[]) AND address = ANY($2::text[]) ORDER BY id`,
      [[...new Set(list.map((w) => w.area.id))], [...new Set(list.map((w) => w.h.address))]],
    );
    for (const f of found) {
      const key = householdKey(f.area_id, { address: f.address, unit: f.unit, room: f.room, villageGroup: null, houseNo: null });
      if (wanted.has(key) && !st.households.has(key)) {
        st.households.set(key, f.id);
        wanted.delete(key);
      }
    }
    const fresh = [...wanted.entries()];
    if (fresh.length) {
      const made = await tx.query<{ id: number }>(
        `INSERT INTO households (area_id, area_path, address, unit, room, village_group, house_no, head_resident_id)
         SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[]) RETURNING id`,
        [
          fresh.map(([, w]) => w.area.id),
          fresh.map(([, w]) => w.area.path),
          fresh.map(([, w]) => w.h.address),
          fresh.map(([, w]) => w.h.unit),
          fresh.map(([, w]) => w.h.room),
          fresh.map(([, w]) => w.h.villageGroup),
          fresh.map(([, w]) => w.h.houseNo),
          // The head's row is inserted just after (households_head_fk waits for the commit).
          fresh.map(([, w]) => w.head),
        ],
      );
      // INSERT … SELECT FROM unnest keeps the order of the arrays in RETURNING on both engines.
      made.forEach((m, i) => {
        st.households.set(fresh[i][0], m.id);
        if (fresh[i][1].head) headed.add(m.id);
      });
    }
  }
  return { ids: rows.map((r) => (r.p.household ? st.households.get(householdKey(r.area.id, r.p.household))! : null)), headed };
}

/** Rows without an ID number are the same person as a record of that name in that household. */
async function matchWithoutId(tx: Queryable, rows: ReadyRow[], households: Array<number | null>) {
  const idx = rows.map((r, i) => (!r.p.idNumber && !r.existing && households[i] ? i : -1)).filter((i) => i >= 0);
  if (!idx.length) return;
  const found = await tx.query<Existing>(
    `SELECT ${EXISTING_COLUMNS} FROM residents r JOIN ${areasAs('a')} ON a.id = r.area_id
      WHERE r.household_id = ANY($1::int[]) AND r.name = ANY($2::text[]) AND r.id_number IS NULL AND r.merged_into IS NULL ORDER BY r.id`,
    [idx.map((i) => households[i]), idx.map((i) => rows[i].p.name)],
  );
  for (const i of idx) {
    rows[i].existing = found.find((f) => f.household_id === households[i] && f.name === rows[i].p.name) ?? null;
  }
}

/** What a record becomes: the file's values where it has them; a blank cell never erases. */
function merged(r: ReadyRow, householdId: number | null): Values {
  const p = r.p;
  const e = r.existing;
  const has = (f: ImportField) => p.supplied.has(f);
  const pick = <T>(fileValue: T | null, old: T | null): T | null => (fileValue !== null && fileValue !== undefined ? fileValue : old);
  const placed = has('address') || has('villageGroup') || has('houseNo') || has('area');
  return {
    areaId: !e || placed ? r.area.id : e.area_id,
    areaPath: !e || placed ? r.area.path : e.area_path,
    householdId: !e || (placed && householdId !== null) ? householdId : e.household_id,
    relation: pick(p.relation, e?.relation ?? null),
    name: p.name || e!.name,
    nameKeys: p.name ? p.nameKeys : undefined,
    idType: p.idNumber ? p.idType : (e?.id_type ?? p.idType),
    idNumber: pick(p.idNumber, e?.id_number ?? null),
    sex: pick(p.sex, e?.sex ?? null),
    birthDate: pick(p.birthDate, e?.birth_date ?? null),
    phone: pick(p.phone, e?.phone ?? null),
    phone2: pick(p.phone2, e?.phone2 ?? null),
    registeredAddress: pick(p.registeredAddress, e?.registered_address ?? null),
    groups: has('groups') && p.groups.length ? p.groups : (e?.groups ?? p.groups),
    status: pick(p.status, e?.status ?? null) ?? 'present',
    awayWhere: pick(p.awayWhere, e?.away_where ?? null),
    notes: pick(p.notes, e?.notes ?? null),
  };
}

function currentValues(e: Existing): Values {
  return {
    areaId: e.area_id,
    areaPath: e.area_path,
    householdId: e.household_id,
    relation: e.relation,
    name: e.name,
    idType: e.id_type,
    idNumber: e.id_number,
    sex: e.sex,
    birthDate: e.birth_date,
    phone: e.phone,
    phone2: e.phone2,
    registeredAddress: e.registered_address,
    groups: e.groups,
    status: e.status,
    awayWhere: e.away_where,
    notes: e.notes,
  };
}

function changedKeys(a: Values, b: Values): Array<keyof Values> {
  return (Object.keys(a) as Array<keyof Values>).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Writes checked rows in the caller's transaction. */
export async function writeBatch(tx: Queryable, st: JobState, rows: ReadyRow[], movedInDefault: string): Promise<WriteCounts> {
  // Rows with an ID number not yet registered become new records: their ids are taken first, so a new
  // household can name its head as it is inserted.
  const maybeNew = rows.filter((r) => !r.existing && r.p.idNumber);
  const reserved = await reserveIds(tx, rows.filter((r) => !r.existing).length);
  const newId = new Map<ReadyRow, number>();
  let next = 0;
  for (const r of maybeNew) newId.set(r, reserved[next++]);
  const { ids: households, headed } = await resolveHouseholds(tx, st, rows, (r) => (r.p.relation === 'head' ? (newId.get(r) ?? null) : null));
  await matchWithoutId(tx, rows, households);
  for (const r of rows) if (!r.existing && !newId.has(r)) newId.set(r, reserved[next++]);
  const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
  const news: Array<{ r: ReadyRow; v: Values; id: number }> = [];
  const updates: Array<{ r: ReadyRow; v: Values; changed: Array<keyof Values> }> = [];
  rows.forEach((r, i) => {
    const v = merged(r, households[i]);
    if (!r.existing) return news.push({ r, v, id: newId.get(r)! });
    const changed = changedKeys(currentValues(r.existing), v);
    if (changed.length) updates.push({ r, v, changed });
    else counts.unchanged++;
  });
  const audits: AuditEvent[] = [];

  if (news.length) {
    await insertNew(
      tx,
      news.map((n) => ({ id: n.id, v: n.v, movedIn: n.r.p.movedInOn ?? movedInDefault })),
      st.bulk,
    );
    // Heads of households that already existed without one (new households got theirs on insert).
    const heads = news.filter((n) => n.v.relation === 'head' && n.v.householdId && !headed.has(n.v.householdId));
    if (heads.length) {
      await tx.query(
        `UPDATE households h SET head_resident_id = v.rid FROM unnest($1::int[], $2::int[]) AS v(hid, rid)
          WHERE h.id = v.hid AND h.head_resident_id IS NULL`,
        [heads.map((x) => x.v.householdId), heads.map((x) => x.id)],
      );
    }
    // New records are covered by the import's own audit event (file, counts, who); a record's history
    // starts with its creation time. Changes to existing records are audited one by one below.
    counts.created += news.length;
  }

  if (updates.length) {
    await tx.query(
      `UPDATE residents r SET area_id = v.area_id, area_path = v.area_path, household_id = v.household_id, relation = v.relation,
              name = v.name, name_pinyin = v.py, name_initials = v.ini, id_type = v.id_type, id_number = v.id_number, sex = v.sex,
              birth_date = v.birth_date, phone = v.phone, phone2 = v.phone2, registered_address = v.reg, groups = ${GROUPS_SQL},
              status = v.status, away_where = v.away_where, notes = v.notes, updated_at = now()
         FROM unnest($1::int[], ${VALUE_ARRAYS}) AS v(${VALUE_NAMES}) WHERE r.id = v.id`,
      valueParams(
        updates.map((u) => u.r.existing!.id),
        updates.map((u) => u.v),
      ),
    );
    // The file says they live somewhere else now: a dated move, as a cadre's transfer would be.
    const moved = updates.filter((u) => u.changed.includes('householdId') || u.changed.includes('areaPath'));
    if (moved.length) {
      const on = moved.map((u) => u.r.p.movedInOn ?? movedInDefault);
      await tx.query(
        `UPDATE resident_stays s SET to_date = greatest(s.from_date, v.d) FROM unnest($1::int[], $2::date[]) AS v(rid, d)
          WHERE s.resident_id = v.rid AND s.to_date IS NULL`,
        [moved.map((u) => u.r.existing!.id), on],
      );
      await tx.query(
        `INSERT INTO resident_stays (resident_id, household_id, area_path, from_date)
         SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::date[])`,
        [moved.map((u) => u.r.existing!.id), moved.map((u) => u.v.householdId), moved.map((u) => u.v.areaPath), on],
      );
    }
    for (const u of updates) {
      const before = currentValues(u.r.existing!);
      audits.push({
        action: 'import',
        entity: 'resident',
        entityId: u.r.existing!.id,
        areaPath: u.v.areaPath,
        before: Object.fromEntries(u.changed.map((k) => [k, before[k]])),
        after: { ...Object.fromEntries(u.changed.map((k) => [k, u.v[k]])), importId: st.importId, row: u.r.p.row },
      });
    }
    counts.updated += updates.length;
  }
  await auditMany(tx, st.actor, audits);
  return counts;
}
