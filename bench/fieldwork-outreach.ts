/**
 * The vaccination outreach's part of `npm run bench:fieldwork`: the 60+ outreach list of a county with its states
 * (GET /api/vaccination/outreach through the module's own `outreach()`), on the bench database's registry of
 * 1,000,000 residents. The registry (areas, households, residents) is copied read-only from the database's public
 * schema into a schema of this bench, migrated to this branch, so the seeded data is never written; about half the
 * 60+ are then given a state (agreed, refused, vaccinated with one to three doses, not suitable). Goal ≤ 2,000 ms.
 */
import type { Db } from '../src/server/db/engine';
import { openDb } from '../src/server/db/engine';
import { migrate } from '../src/server/db/migrate';
import { outreach } from '../src/server/modules/vaccination/service';

const SCHEMA = 'bench_fieldwork_outreach';
const log = (...a: unknown[]) => console.error('[bench:fieldwork]', ...a);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The columns a table has in both schemas, less generated ones: the copy survives migrations the branches differ by. */
async function commonColumns(db: Db, table: string): Promise<string> {
  const rows = await db.query<{ column_name: string }>(
    `SELECT c.column_name FROM information_schema.columns c
       JOIN information_schema.columns p ON p.table_schema = 'public' AND p.table_name = c.table_name AND p.column_name = c.column_name
      WHERE c.table_schema = $1 AND c.table_name = $2 AND c.is_generated = 'NEVER' ORDER BY c.ordinal_position`,
    [SCHEMA, table],
  );
  return rows.map((r) => `"${r.column_name}"`).join(', ');
}

export async function benchOutreach(
  url: string,
  runs: number,
): Promise<{ outreach_list_ms: number | null; outreach_due_ms?: number; outreach_residents?: number }> {
  const probe = await openDb({ databaseUrl: url, poolSize: 1 });
  const [{ n: seeded }] = await probe.query<{ n: number }>(
    `SELECT CASE WHEN to_regclass('public.residents') IS NULL THEN 0 ELSE (SELECT count(*)::int FROM public.residents) END AS n`,
  );
  await probe.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; DROP SCHEMA IF EXISTS ${SCHEMA}_jobs CASCADE;`);
  await probe.close();
  if (!seeded) {
    log('no seeded registry in the public schema (npm run bench:search seeds one): the outreach list is not measured');
    return { outreach_list_ms: null };
  }
  const db = await openDb({ databaseUrl: url, schema: SCHEMA, poolSize: 4 });
  await migrate(db);
  const t0 = performance.now();
  // The registry's search indexes are not what this list reads: dropped before the copy, which they would slow tenfold.
  await db.exec(`DROP INDEX IF EXISTS residents_name_bigrams_idx, residents_name_key_search_idx, residents_pinyin_search_idx,
    residents_initials_search_idx, residents_id_tail_cover_idx, residents_phone_tail_cover_idx, residents_name_birth_idx, residents_id_number_uq`);
  // Households and residents name each other (a household's head): the copy runs with triggers, foreign keys' included,
  // off for its one connection, as a restore does.
  const copies = [];
  for (const table of ['areas', 'households', 'residents']) {
    const cols = await commonColumns(db, table);
    copies.push(`INSERT INTO ${table} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM public.${table} ORDER BY id;`);
  }
  await db.exec(`SET session_replication_role = replica; ${copies.join(' ')} SET session_replication_role = DEFAULT;`);
  const [{ county }] = await db.query<{ county: number }>(`SELECT id AS county FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1`);
  const today = new Date().toISOString().slice(0, 10);
  // About half the 60+ reached: a state by a hash of the id, doses to match.
  await db.query(
    `INSERT INTO vaccination_people (resident_id, area_id, area_path, state, refusal_reason, contraindication, doses, last_dose_on, needs_ride)
     SELECT r.id, r.area_id, r.area_path, s.state,
            CASE WHEN s.state = 'refused' THEN 'side_effects' END, CASE WHEN s.state = 'not_suitable' THEN 'acute_illness' END,
            CASE WHEN s.state = 'vaccinated' THEN 1 + r.id % 3 ELSE 0 END,
            CASE WHEN s.state = 'vaccinated' THEN $1::date - (r.id % 300) END, r.id % 7 = 0
       FROM residents r,
            LATERAL (SELECT (ARRAY['agreed', 'refused', 'vaccinated', 'vaccinated', 'not_suitable'])[1 + (r.id / 2) % 5] AS state) s
      WHERE r.birth_date <= $1::date - interval '60 years' AND r.id % 2 = 0 AND r.merged_into IS NULL`,
    [today],
  );
  await db.exec('ANALYZE');
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM residents');
  const [{ touched }] = await db.query<{ touched: number }>('SELECT count(*)::int AS touched FROM vaccination_people');
  log(`${n} residents copied, ${touched} of the 60+ given a state, in ${Math.round(performance.now() - t0)} ms`);

  const ctx = {
    db,
    actor: {
      userId: 1,
      username: 'bench',
      displayName: '基准指挥部',
      roles: ['command'],
      permissions: new Set(['vaccination.read']),
      scope: { areaId: county, path: `/${county}/` },
      sessionId: 'bench',
      csrfToken: 'bench',
      mustChangePassword: false,
    },
    requestId: 'bench',
    clientIp: '127.0.0.1',
    lang: 'zh' as const,
    today,
  };
  async function time(p: Parameters<typeof outreach>[1]) {
    const ms: number[] = [];
    let total = 0;
    for (let i = 0; i < runs + 2; i++) {
      const t = performance.now();
      const r = await outreach(ctx, p);
      if (i >= 2) ms.push(performance.now() - t);
      total = r.total;
    }
    return { ms: Math.round(median(ms) * 10) / 10, total };
  }
  const list = await time({ band: '60plus', limit: 50, offset: 0 });
  log(`the county's 60+ outreach list (first page of 50, with states and the total): ${list.total} people, median ${list.ms} ms over ${runs} runs`);
  const due = await time({ band: '60plus', dueOnly: true, limit: 50, offset: 0 });
  log(`the same, only those due today: ${due.total} people, median ${due.ms} ms`);
  const refused = await time({ band: '80plus', state: 'refused', limit: 50, offset: 0 });
  log(`the county's 80+ who refused: ${refused.total} people, median ${refused.ms} ms`);
  await db.exec(`DROP SCHEMA ${SCHEMA} CASCADE; DROP SCHEMA IF EXISTS ${SCHEMA}_jobs CASCADE`);
  await db.close();
  return { outreach_list_ms: list.ms, outreach_due_ms: due.ms, outreach_residents: n };
}
