import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { residentsAs } from '../residents/sql';

/**
 * The chains' SQL (migration 0041): the links read from the tracing records for the snapshot job, the snapshot
 * written set-based, and a chain read back with its people from the live records. A chain is listed to a user
 * when one of its members lies in their scope; members outside it come back without a name.
 */
export interface LinkRow {
  from_person: number;
  to_person: number;
  to_path: string;
  on: string;
}
export interface CasePersonRow {
  case_id: number;
  person: number;
  path: string;
  on: string;
}

/** Every case and every link of the records (a case or the contact met → the contact), whole: the job's input. */
export async function readGraph(db: Queryable): Promise<{ cases: CasePersonRow[]; links: LinkRow[] }> {
  const cases = await db.query<CasePersonRow>(
    `SELECT id AS case_id, resident_id AS person, area_path AS path, to_char(COALESCE(onset_on, reported_on), 'YYYY-MM-DD') AS on FROM tracing_cases`,
  );
  const links = await db.query<LinkRow>(
    `SELECT COALESCE(v.resident_id, c.resident_id) AS from_person, k.resident_id AS to_person, k.area_path AS to_path,
            to_char(k.last_exposure_on, 'YYYY-MM-DD') AS on
       FROM tracing_contacts k JOIN tracing_cases c ON c.id = k.case_id LEFT JOIN tracing_contacts v ON v.id = k.via_contact_id`,
  );
  return { cases, links };
}

export interface SnapshotRows {
  members: { chainId: number; person: number; path: string }[];
  chains: { chainId: number; cases: number; contacts: number; firstOn: string; lastOn: string; path: string }[];
  links: number;
  tookMs: number;
}

/** Writes a snapshot in one transaction and drops all but the newest two. Answers its id. */
export async function writeSnapshot(tx: Queryable, s: SnapshotRows): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>('INSERT INTO tracing_chain_snapshots (chains, people, links, took_ms) VALUES ($1, $2, $3, $4) RETURNING id', [
    s.chains.length,
    s.members.length,
    s.links,
    s.tookMs,
  ]);
  await tx.query(
    `INSERT INTO tracing_chain_members (snapshot_id, chain_id, resident_id, area_path)
     SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[])`,
    [id, s.members.map((m) => m.chainId), s.members.map((m) => m.person), s.members.map((m) => m.path)],
  );
  await tx.query(
    `INSERT INTO tracing_chains (snapshot_id, chain_id, cases, contacts, first_on, last_on, area_path)
     SELECT $1, * FROM unnest($2::int[], $3::int[], $4::int[], $5::date[], $6::date[], $7::text[])`,
    [
      id,
      s.chains.map((c) => c.chainId),
      s.chains.map((c) => c.cases),
      s.chains.map((c) => c.contacts),
      s.chains.map((c) => c.firstOn),
      s.chains.map((c) => c.lastOn),
      s.chains.map((c) => c.path),
    ],
  );
  await tx.query('DELETE FROM tracing_chain_snapshots WHERE id < (SELECT min(id) FROM (SELECT id FROM tracing_chain_snapshots ORDER BY id DESC LIMIT 2) s)');
  // The tables were rewritten whole: fresh statistics now, or the first lists plan against the old snapshot's
  // (a list of 800 chains took 3.7 s right after a recomputation, 9 ms once analysed).
  await tx.query('ANALYZE tracing_chain_members, tracing_chains');
  return id;
}

export async function latestSnapshot(db: Queryable): Promise<{ id: number; computed_at: Date } | null> {
  const [row] = await db.query<{ id: number; computed_at: Date }>('SELECT id, computed_at FROM tracing_chain_snapshots ORDER BY id DESC LIMIT 1');
  return row ?? null;
}

export interface ChainRow {
  chain_id: number;
  cases: number;
  contacts: number;
  first_on: string;
  last_on: string;
  index_name: string | null;
}

/**
 * The chains with a member in scope, as one set read once (`IN`, hashed), not a lookup per chain: a fresh snapshot
 * has no statistics yet, and a planner guessing it small walked every member for each of 5,000 chains (22 s).
 */
const inScope = (scope: Scope, q: SqlParams, snapshotId: number, under?: string) =>
  `ch.chain_id IN (SELECT m.chain_id FROM tracing_chain_members m WHERE m.snapshot_id = ${q.add(snapshotId)}
     AND ${scopeClause(scope, 'm.area_path', q)}${under ? ` AND m.area_path LIKE ${q.add(`${under}%`)}` : ''})`;

/** The chains of a snapshot with a member in the caller's scope (and under `under`), the latest first. */
export async function listChains(
  db: Queryable,
  scope: Scope,
  p: { snapshotId: number; under?: string; from?: string; to?: string; activeSince?: string; caseId?: number; limit: number; offset: number },
): Promise<{ rows: ChainRow[]; total: number }> {
  const q = new SqlParams();
  const where = [`ch.snapshot_id = ${q.add(p.snapshotId)}`, inScope(scope, q, p.snapshotId, p.under)];
  if (p.from) where.push(`ch.last_on >= ${q.add(p.from)}::date`);
  if (p.to) where.push(`ch.first_on <= ${q.add(p.to)}::date`);
  if (p.activeSince) where.push(`ch.last_on >= ${q.add(p.activeSince)}::date`);
  if (p.caseId) {
    where.push(`ch.chain_id = (SELECT m.chain_id FROM tracing_chain_members m JOIN tracing_cases c ON c.resident_id = m.resident_id
                                WHERE m.snapshot_id = ch.snapshot_id AND c.id = ${q.add(p.caseId)})`);
  }
  const w = where.join(' AND ');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tracing_chains ch WHERE ${w}`, q.values);
  // The chain's number is its first case: its name, when that case lies in the caller's scope.
  const rows = await db.query<ChainRow>(
    `SELECT ch.chain_id, ch.cases, ch.contacts, to_char(ch.first_on, 'YYYY-MM-DD') AS first_on, to_char(ch.last_on, 'YYYY-MM-DD') AS last_on,
            (SELECT r.name FROM tracing_cases c JOIN ${residentsAs('r')} ON r.id = c.resident_id
              WHERE c.id = ch.chain_id AND ${scopeClause(scope, 'c.area_path', q)}) AS index_name
       FROM tracing_chains ch WHERE ${w}
      ORDER BY ch.last_on DESC, ch.chain_id DESC LIMIT ${q.add(p.limit)} OFFSET ${q.add(p.offset)}`,
    q.values,
  );
  return { rows, total: n };
}

/** The chain's members when one of them lies in the caller's scope; null when the chain is not theirs to see. */
export async function chainMembers(db: Queryable, scope: Scope, snapshotId: number, chainId: number): Promise<{ person: number; path: string }[] | null> {
  const q = new SqlParams();
  const rows = await db.query<{ person: number; path: string; seen: boolean }>(
    `SELECT resident_id AS person, area_path AS path, ${scopeClause(scope, 'area_path', q)} AS seen
       FROM tracing_chain_members WHERE snapshot_id = ${q.add(snapshotId)} AND chain_id = ${q.add(chainId)}`,
    q.values,
  );
  return rows.some((r) => r.seen) ? rows : null;
}

export interface ChainCaseRow {
  id: number;
  person: number;
  name: string;
  path: string;
  classification: string;
  on: string;
}
export interface ChainContactRow {
  id: number;
  case_id: number;
  from_person: number;
  person: number;
  name: string;
  path: string;
  level: string;
  exposed_on: string;
  exposure_kind: string;
  placement: string;
}

/** The live records between a chain's people: its cases, and the contact rows of those cases. */
export async function chainRecords(db: Queryable, people: number[]): Promise<{ cases: ChainCaseRow[]; contacts: ChainContactRow[] }> {
  const cases = await db.query<ChainCaseRow>(
    `SELECT c.id, c.resident_id AS person, r.name, c.area_path AS path, c.classification,
            to_char(COALESCE(c.onset_on, c.reported_on), 'YYYY-MM-DD') AS on
       FROM tracing_cases c JOIN ${residentsAs('r')} ON r.id = c.resident_id WHERE c.resident_id = ANY($1::int[])`,
    [people],
  );
  const contacts = await db.query<ChainContactRow>(
    `SELECT k.id, k.case_id, COALESCE(v.resident_id, c.resident_id) AS from_person, k.resident_id AS person, r.name, k.area_path AS path,
            k.level, to_char(k.last_exposure_on, 'YYYY-MM-DD') AS exposed_on, k.exposure_kind, k.placement
       FROM tracing_contacts k JOIN tracing_cases c ON c.id = k.case_id LEFT JOIN tracing_contacts v ON v.id = k.via_contact_id
       JOIN ${residentsAs('r')} ON r.id = k.resident_id
      WHERE c.resident_id = ANY($1::int[])`,
    [people],
  );
  return { cases, contacts };
}
