import type { Queryable } from '../../db/engine';
import type { Band, MobilisationState } from '../../../domain/vaccination/kinds';
import { bandAge, type VaccinationPolicy, vaccinationPolicy } from '../../../domain/vaccination/policy';
import { type Scope, scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { areasAs } from '../areas/sql';
import { householdsAs, residentsAs } from '../residents/sql';
import { taskExists } from '../tasks/sql';
import { usersAs } from '../users/sql';
import { linkedMemberUserOf } from '../volunteers/sql';

/** The outreach's SQL: the working list, a person's row, doses and contacts. Rides are in ride-repo.ts. */

/** The policy in force: the highest version (policy.ts saves them). */
export async function policyOf(db: Queryable): Promise<VaccinationPolicy> {
  const [row] = await db.query<{ policy: unknown }>('SELECT policy FROM vaccination_policy ORDER BY version DESC LIMIT 1');
  return vaccinationPolicy.parse(row.policy);
}

/** The last birth date of someone `age` or older on `today` (a 29 February that the year lacks becomes the 28th). */
export function bornBy(today: string, age: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const year = y - age;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The next dose's day as SQL, from the person's row `p` (no row: no dose yet, due today) — the same rule as eligibility(). */
function dueOnSql(q: SqlParams, policy: VaccinationPolicy, today: string): string {
  const t = `${q.add(today)}::date`;
  const primary = q.add(policy.primaryDoses);
  return `CASE WHEN p.state = 'not_suitable' THEN NULL
            WHEN COALESCE(p.doses, 0) = 0 THEN ${t}
            WHEN p.doses < ${primary} THEN p.last_dose_on + ${q.add(policy.doseIntervalDays)}::int
            WHEN p.doses < ${primary} + ${q.add(policy.boosters)}::int THEN (p.last_dose_on + make_interval(months => ${q.add(policy.boosterAfterMonths)}::int))::date
            ELSE NULL END`;
}

export interface OutreachRowDb {
  id: number;
  name: string;
  phone: string | null;
  birth_date: string | null;
  area_id: number;
  area_name: string;
  state: MobilisationState;
  refusal_reason: string | null;
  contraindication: string | null;
  doses: number;
  last_dose_on: string | null;
  due_on: string | null;
  needs_ride: boolean;
  wheelchair: boolean;
  household_id: number | null;
}

const PERSON = `r.id, r.name, r.phone, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date, r.area_id, r.household_id,
  COALESCE(p.state, 'not_contacted') AS state, p.refusal_reason, p.contraindication, COALESCE(p.doses, 0) AS doses,
  to_char(p.last_dose_on, 'YYYY-MM-DD') AS last_dose_on, COALESCE(p.needs_ride, false) AS needs_ride, COALESCE(p.wheelchair, false) AS wheelchair`;
const LIVING = `r.merged_into IS NULL AND r.status IN ('present', 'away')`;

/**
 * The working list: the people of a band under `underPath` (in scope), oldest first — so the 80+ lead — with their
 * state and next dose. The page is read first by birth date (residents_outreach_idx), then the count on its own.
 */
export async function outreach(
  db: Queryable,
  scope: Scope,
  p: { policy: VaccinationPolicy; today: string; underPath: string; band: Band; state?: MobilisationState; dueOnly?: boolean; limit: number; offset: number },
): Promise<{ rows: OutreachRowDb[]; total: number }> {
  // The page and the count are built apart: each statement carries only the parameters it uses.
  const build = (q: SqlParams) => {
    const where = [
      `r.birth_date <= ${q.add(bornBy(p.today, bandAge(p.policy, p.band)))}::date`,
      `r.area_path LIKE ${q.add(`${p.underPath}%`)}`,
      scopeClause(scope, 'r.area_path', q),
      LIVING,
    ];
    if (p.state) where.push(`COALESCE(p.state, 'not_contacted') = ${q.add(p.state)}`);
    if (p.dueOnly) where.push(`(${dueOnSql(q, p.policy, p.today)}) <= ${q.add(p.today)}::date`);
    return `${residentsAs('r')} LEFT JOIN vaccination_people p ON p.resident_id = r.id WHERE ${where.join(' AND ')}`;
  };
  const page = new SqlParams();
  const due = dueOnSql(page, p.policy, p.today);
  const pageFrom = build(page);
  const count = new SqlParams();
  const countFrom = build(count);
  const [rows, [{ n }]] = await Promise.all([
    db.query<OutreachRowDb>(
      `SELECT x.*, a.name AS area_name FROM (
         SELECT ${PERSON}, to_char(${due}, 'YYYY-MM-DD') AS due_on FROM ${pageFrom}
          ORDER BY r.birth_date, r.id LIMIT ${page.add(p.limit)} OFFSET ${page.add(p.offset)}
       ) x JOIN ${areasAs('a')} ON a.id = x.area_id ORDER BY x.birth_date, x.id`,
      page.values,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${countFrom}`, count.values),
  ]);
  return { rows, total: n };
}

/** One person (in scope, living) with their outreach row. */
export async function person(db: Queryable, scope: Scope, residentId: number): Promise<(OutreachRowDb & { area_path: string; address: string | null }) | null> {
  const q = new SqlParams();
  const [row] = await db.query<OutreachRowDb & { area_path: string; address: string | null }>(
    `SELECT ${PERSON}, r.area_path, a.name AS area_name, NULL::text AS due_on,
            (SELECT h.address FROM ${householdsAs('h')} WHERE h.id = r.household_id) AS address
       FROM ${residentsAs('r')} LEFT JOIN vaccination_people p ON p.resident_id = r.id JOIN ${areasAs('a')} ON a.id = r.area_id
      WHERE r.id = ${q.add(residentId)} AND ${scopeClause(scope, 'r.area_path', q)} AND ${LIVING}`,
    q.values,
  );
  return row ?? null;
}

/** The person's outreach row, made on first touch (locked for the change in hand). */
export async function lockPerson(tx: Queryable, r: { id: number; area_id: number; area_path: string }) {
  await tx.query(
    `INSERT INTO vaccination_people (resident_id, area_id, area_path) VALUES ($1, $2, $3)
     ON CONFLICT (resident_id) DO UPDATE SET area_id = EXCLUDED.area_id, area_path = EXCLUDED.area_path`,
    [r.id, r.area_id, r.area_path],
  );
  const [row] = await tx.query<{
    state: MobilisationState;
    doses: number;
    last_dose_on: string | null;
    refusal_reason: string | null;
    contraindication: string | null;
  }>(
    `SELECT state, doses, to_char(last_dose_on, 'YYYY-MM-DD') AS last_dose_on, refusal_reason, contraindication
       FROM vaccination_people WHERE resident_id = $1 FOR UPDATE`,
    [r.id],
  );
  return row;
}

export async function setState(
  tx: Queryable,
  id: number,
  s: { state: MobilisationState; reason: string | null; contraindication: string | null; needsRide?: boolean; wheelchair?: boolean; by: number },
) {
  await tx.query(
    `UPDATE vaccination_people SET state = $2, refusal_reason = $3, contraindication = $4,
            needs_ride = COALESCE($5, needs_ride), wheelchair = COALESCE($6, wheelchair), updated_by = $7, updated_at = now()
      WHERE resident_id = $1`,
    [id, s.state, s.reason, s.contraindication, s.needsRide ?? null, s.wheelchair ?? null, s.by],
  );
}

export async function insertContact(
  tx: Queryable,
  c: {
    residentId: number;
    areaId: number;
    areaPath: string;
    kind: string;
    outcome: string;
    reason: string | null;
    contraindication: string | null;
    from: string;
    to: string;
    note: string | null;
    by: number;
  },
) {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO vaccination_contacts (resident_id, area_id, area_path, kind, outcome, reason, contraindication, from_state, to_state, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [c.residentId, c.areaId, c.areaPath, c.kind, c.outcome, c.reason, c.contraindication, c.from, c.to, c.note, c.by],
  );
  return row.id;
}

export async function insertDose(
  tx: Queryable,
  d: { residentId: number; areaId: number; areaPath: string; doseNo: number; givenOn: string; product: string; batch: string; site: string | null; by: number },
) {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO vaccination_doses (resident_id, area_id, area_path, dose_no, given_on, product, batch, site, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [d.residentId, d.areaId, d.areaPath, d.doseNo, d.givenOn, d.product, d.batch, d.site, d.by],
  );
  await tx.query(
    `UPDATE vaccination_people SET doses = $2, last_dose_on = $3, state = 'vaccinated', refusal_reason = NULL, updated_by = $4, updated_at = now()
      WHERE resident_id = $1`,
    [d.residentId, d.doseNo, d.givenOn, d.by],
  );
  return row.id;
}

export async function dosesOf(db: Queryable, residentId: number) {
  return db.query<{
    id: number;
    dose_no: number;
    given_on: string;
    product: string;
    batch: string;
    site: string | null;
    recorded_by_name: string | null;
    recorded_at: Date;
  }>(
    `SELECT d.id, d.dose_no, to_char(d.given_on, 'YYYY-MM-DD') AS given_on, d.product, d.batch, d.site, u.display_name AS recorded_by_name, d.recorded_at
       FROM vaccination_doses d LEFT JOIN ${usersAs('u')} ON u.id = d.recorded_by WHERE d.resident_id = $1 ORDER BY d.dose_no`,
    [residentId],
  );
}

export async function contactsOf(db: Queryable, residentId: number) {
  return db.query<{
    id: number;
    kind: 'call' | 'visit';
    outcome: string;
    reason: string | null;
    contraindication: string | null;
    from_state: string;
    to_state: string;
    note: string | null;
    by_name: string | null;
    created_at: Date;
  }>(
    `SELECT c.id, c.kind, c.outcome, c.reason, c.contraindication, c.from_state, c.to_state, c.note, u.display_name AS by_name, c.created_at
       FROM vaccination_contacts c LEFT JOIN ${usersAs('u')} ON u.id = c.created_by WHERE c.resident_id = $1 ORDER BY c.created_at DESC, c.id DESC`,
    [residentId],
  );
}

export interface CallTarget {
  id: number;
  name: string;
  area_id: number;
  area_path: string;
  member_user_id: number | null;
  grid_worker_id: number | null;
}

/**
 * Whom to call or visit under an area: people of the band whose next dose is due, not yet agreed, refused or unsuitable,
 * without an open call task — each with the party member linked to their household (who may serve there) and the
 * grid worker of their grid (a user with the role whose scope is the nearest grid above them).
 */
export async function callTargets(
  tx: Queryable,
  scope: Scope,
  p: { policy: VaccinationPolicy; today: string; underPath: string; band: Band; limit: number },
): Promise<CallTarget[]> {
  const q = new SqlParams();
  const due = dueOnSql(q, p.policy, p.today);
  return tx.query<CallTarget>(
    `WITH due AS (
       SELECT r.id, r.name, r.area_id, r.area_path, r.household_id,
              (SELECT g.id FROM ${areasAs('g')} WHERE g.id = ANY(string_to_array(trim(both '/' from r.area_path), '/')::int[]) AND g.kind = 'grid'
                ORDER BY g.level DESC LIMIT 1) AS grid_id
         FROM ${residentsAs('r')} LEFT JOIN vaccination_people p ON p.resident_id = r.id
        WHERE r.birth_date <= ${q.add(bornBy(p.today, bandAge(p.policy, p.band)))}::date AND r.area_path LIKE ${q.add(`${p.underPath}%`)}
          AND ${scopeClause(scope, 'r.area_path', q)} AND ${LIVING}
          AND COALESCE(p.state, 'not_contacted') IN ('not_contacted', 'vaccinated') AND (${due}) <= ${q.add(p.today)}::date
          AND NOT ${taskExists("'vaccination_call'", 'r.id', "t.status IN ('open', 'in_progress')")}
        ORDER BY r.birth_date, r.id LIMIT ${q.add(p.limit)}
     ), gw AS (
       SELECT DISTINCT ON (u.area_id) u.area_id, u.id FROM ${usersAs('u')}
        WHERE u.area_id IN (SELECT grid_id FROM due WHERE grid_id IS NOT NULL) AND 'grid_worker' = ANY(u.roles) AND NOT u.disabled
        ORDER BY u.area_id, u.id
     )
     SELECT due.id, due.name, due.area_id, due.area_path,
            CASE WHEN due.household_id IS NULL THEN NULL ELSE ${linkedMemberUserOf('due.household_id', 'due.area_path')} END AS member_user_id,
            gw.id AS grid_worker_id
       FROM due LEFT JOIN gw ON gw.area_id = due.grid_id`,
    q.values,
  );
}

/** The follow-up caller of one person: their household's linked member, else their grid's worker. */
export async function callerOf(tx: Queryable, r: { household_id: number | null; area_path: string }): Promise<number | null> {
  const [row] = await tx.query<{ id: number | null }>(
    `SELECT COALESCE(
       CASE WHEN $1::int IS NULL THEN NULL ELSE ${linkedMemberUserOf('$1::int', '$2::text')} END,
       (SELECT u.id FROM ${usersAs('u')} JOIN ${areasAs('g')} ON g.id = u.area_id
         WHERE g.kind = 'grid' AND $2::text LIKE g.path || '%' AND 'grid_worker' = ANY(u.roles) AND NOT u.disabled
         ORDER BY g.level DESC, u.id LIMIT 1)) AS id`,
    [r.household_id, r.area_path],
  );
  return row?.id ?? null;
}
