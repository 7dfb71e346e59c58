import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { usersAs } from '../users/sql';
import type { JobKind, JobStatus, Method } from '../../../domain/fieldwork/kinds';

/** Disinfection jobs and rounds; every read scoped by the job's area path. */
export interface JobRow {
  id: number;
  kind: JobKind;
  status: JobStatus;
  area_id: number;
  area_path: string;
  area_name: string;
  place: string;
  address: string | null;
  round_id: number | null;
  planned_on: string | null;
  case_id: number | null;
  due_at: Date | null;
  overdue: boolean;
  team_id: number | null;
  team_name: string | null;
  disinfectant: string | null;
  concentration: string | null;
  method: Method | null;
  area_m2: number | null;
  done_at: Date | null;
  done_by_name: string | null;
  latitude: number | null;
  longitude: number | null;
  accuracy_m: number | null;
  note: string | null;
  created_at: Date;
}

const JOB = `j.id, j.kind, j.status, j.area_id, j.area_path, a.name AS area_name, j.place, j.address, j.round_id,
  to_char(j.planned_on, 'YYYY-MM-DD') AS planned_on, j.case_id, j.due_at, COALESCE(j.status = 'planned' AND j.due_at < now(), false) AS overdue,
  j.team_id, j.team_name, j.disinfectant, j.concentration, j.method, j.area_m2::float8 AS area_m2, j.done_at, u.display_name AS done_by_name,
  j.latitude, j.longitude, j.accuracy_m, j.note, j.created_at
  FROM disinfection_jobs j JOIN ${areasAs('a')} ON a.id = j.area_id LEFT JOIN ${usersAs('u')} ON u.id = j.done_by`;

export interface Work {
  teamId: number | null;
  teamName: string | null;
  disinfectant: string;
  concentration: string | null;
  method: Method;
  areaM2: number;
  doneAt: Date;
  by: number;
  latitude: number | null;
  longitude: number | null;
  accuracyM: number | null;
  note: string | null;
}

export async function insertDoneJob(tx: Queryable, j: { kind: JobKind; areaId: number; areaPath: string; place: string } & Work): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO disinfection_jobs (kind, status, area_id, area_path, place, team_id, team_name, disinfectant, concentration, method, area_m2,
       done_at, done_by, latitude, longitude, accuracy_m, note, created_by)
     VALUES ($1, 'done', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $12) RETURNING id`,
    [
      j.kind,
      j.areaId,
      j.areaPath,
      j.place,
      j.teamId,
      j.teamName,
      j.disinfectant,
      j.concentration,
      j.method,
      j.areaM2,
      j.doneAt,
      j.by,
      j.latitude,
      j.longitude,
      j.accuracyM,
      j.note,
    ],
  );
  return id;
}

/** Records a planned job done; false when it was done already (also when a second phone raced this one). */
export async function markDone(tx: Queryable, id: number, w: Work): Promise<boolean> {
  const n = await tx.execute(
    `UPDATE disinfection_jobs SET status = 'done', team_id = COALESCE($2, team_id), team_name = COALESCE($3, team_name), disinfectant = $4,
       concentration = $5, method = $6, area_m2 = $7, done_at = $8, done_by = $9, latitude = $10, longitude = $11, accuracy_m = $12, note = $13
     WHERE id = $1 AND status = 'planned'`,
    [id, w.teamId, w.teamName, w.disinfectant, w.concentration, w.method, w.areaM2, w.doneAt, w.by, w.latitude, w.longitude, w.accuracyM, w.note],
  );
  return n === 1;
}

export async function findJob(db: Queryable, scope: Scope, id: number): Promise<JobRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<JobRow>(`SELECT ${JOB} WHERE j.id = ${q.add(id)} AND ${scopeClause(scope, 'j.area_path', q)}`, q.values);
  return row ?? null;
}

export async function listJobs(
  db: Queryable,
  scope: Scope,
  p: { underPath?: string; kind?: JobKind; status?: JobStatus; overdue?: boolean; limit: number; offset: number },
) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'j.area_path', q)];
  if (p.underPath) where.push(`j.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  if (p.kind) where.push(`j.kind = ${q.add(p.kind)}`);
  if (p.status) where.push(`j.status = ${q.add(p.status)}`);
  if (p.overdue) where.push(`j.status = 'planned' AND j.due_at < now()`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM disinfection_jobs j WHERE ${w}`, q.values);
  const rows = await db.query<JobRow>(
    `SELECT ${JOB} WHERE ${w}
      ORDER BY (j.status = 'planned') DESC, overdue DESC, j.due_at NULLS LAST, j.planned_on NULLS LAST, j.done_at DESC NULLS LAST, j.id DESC
      LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: n };
}

/** The terminal jobs of cases, one per case: a case already holding one is skipped. Answers the jobs made. */
export async function insertTerminalJobs(
  tx: Queryable,
  jobs: { caseId: number; areaId: number; areaPath: string; place: string; address: string | null; dueAt: Date }[],
) {
  if (!jobs.length) return [];
  return tx.query<{ id: number; case_id: number; area_id: number; area_path: string; due_at: Date }>(
    `INSERT INTO disinfection_jobs (kind, status, case_id, area_id, area_path, place, address, due_at)
     SELECT 'terminal', 'planned', u.case_id, u.area_id, u.area_path, u.place, u.address, u.due_at
       FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS u(case_id, area_id, area_path, place, address, due_at)
     ON CONFLICT (case_id) DO NOTHING
     RETURNING id, case_id, area_id, area_path, due_at`,
    [
      jobs.map((j) => j.caseId),
      jobs.map((j) => j.areaId),
      jobs.map((j) => j.areaPath),
      jobs.map((j) => j.place),
      jobs.map((j) => j.address),
      jobs.map((j) => j.dueAt),
    ],
  );
}

// ——— rounds: the jobs' due moment is the end of their local day ———
export interface RoundRow {
  id: number;
  name: string;
  area_id: number;
  area_path: string;
  area_name: string;
  team_id: number | null;
  team_name: string | null;
  starts_on: string;
  ends_on: string;
  jobs: number;
  done: number;
  created_at: Date;
}

const ROUND = `r.id, r.name, r.area_id, r.area_path, a.name AS area_name, r.team_id, r.team_name, to_char(r.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(r.ends_on, 'YYYY-MM-DD') AS ends_on, (SELECT count(*)::int FROM disinfection_jobs j WHERE j.round_id = r.id) AS jobs,
  (SELECT count(*)::int FROM disinfection_jobs j WHERE j.round_id = r.id AND j.status = 'done') AS done, r.created_at
  FROM disinfection_rounds r JOIN ${areasAs('a')} ON a.id = r.area_id`;

export async function insertRound(
  tx: Queryable,
  r: {
    name: string;
    areaId: number;
    areaPath: string;
    teamId: number | null;
    teamName: string | null;
    startsOn: string;
    endsOn: string;
    by: number;
    timeZone: string;
  },
  jobs: { areaId: number; areaPath: string; place: string; plannedOn: string }[],
) {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO disinfection_rounds (name, area_id, area_path, team_id, team_name, starts_on, ends_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [r.name, r.areaId, r.areaPath, r.teamId, r.teamName, r.startsOn, r.endsOn, r.by],
  );
  const made = await tx.query<{ id: number; area_id: number; area_path: string; place: string; planned_on: string; due_at: Date }>(
    `INSERT INTO disinfection_jobs (kind, status, round_id, area_id, area_path, place, planned_on, due_at, team_id, team_name, created_by)
     SELECT 'routine', 'planned', $1, u.area_id, u.area_path, u.place, u.planned_on, (u.planned_on + 1)::timestamp AT TIME ZONE $6::text, $7, $8, $9
       FROM unnest($2::int[], $3::text[], $4::text[], $5::date[]) AS u(area_id, area_path, place, planned_on)
     RETURNING id, area_id, area_path, place, to_char(planned_on, 'YYYY-MM-DD') AS planned_on, due_at`,
    [
      id,
      jobs.map((j) => j.areaId),
      jobs.map((j) => j.areaPath),
      jobs.map((j) => j.place),
      jobs.map((j) => j.plannedOn),
      r.timeZone,
      r.teamId,
      r.teamName,
      r.by,
    ],
  );
  return { id, jobs: made };
}

export async function findRound(db: Queryable, scope: Scope, id: number): Promise<RoundRow | null> {
  const q = new SqlParams();
  const [row] = await db.query<RoundRow>(`SELECT ${ROUND} WHERE r.id = ${q.add(id)} AND ${scopeClause(scope, 'r.area_path', q)}`, q.values);
  return row ?? null;
}

export async function listRounds(db: Queryable, scope: Scope, p: { underPath?: string; limit: number; offset: number }) {
  const q = new SqlParams();
  const where = [scopeClause(scope, 'r.area_path', q)];
  if (p.underPath) where.push(`r.area_path LIKE ${q.add(`${p.underPath}%`)}`);
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM disinfection_rounds r WHERE ${w}`, q.values);
  const rows = await db.query<RoundRow>(
    `SELECT ${ROUND} WHERE ${w} ORDER BY r.starts_on DESC, r.id DESC LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: n };
}
