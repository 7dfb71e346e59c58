import type pg from 'pg';

/**
 * The records exposure suggestions read at a county's scale, written once into the bench database and kept (a
 * later run finds them and skips): a bench round of 200 sampling points, 500,000 tubes of 10 and their 5,000,000
 * bindings over the last 14 days (about 75 people per point-hour), and 200 posts with 5,000,000 crossings of one
 * registry person each (about 75 per post-hour). Written set-based with generate_series, triggers and foreign-key
 * checks off for the session (replica role): the bench measures the reading, not the typing in.
 */
export const POINTS = 200;
export const POSTS = 200;
const TUBES = 500_000;
const CROSSINGS = 5_000_000;
export const SPAN_DAYS = 14;

export async function ensureExposureRecords(c: pg.Client, residents: number, log: (...a: unknown[]) => void) {
  const [existing] = (await c.query(`SELECT id, starts_on FROM sampling_rounds WHERE name = 'bench-exposure'`)).rows;
  const [root] = (await c.query(`SELECT id, path FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1`)).rows;
  if (!existing) {
    log('writing 5,000,000 bindings and 5,000,000 crossings once (a few minutes)');
    await c.query('BEGIN');
    await c.query(`SET LOCAL session_replication_role = replica`);
    const [round] = (
      await c.query(
        `INSERT INTO sampling_rounds (name, area_id, area_path, starts_on, ends_on, roster_date)
         VALUES ('bench-exposure', $1, $2, current_date - ${SPAN_DAYS}, current_date, current_date - ${SPAN_DAYS}) RETURNING id`,
        [root.id, root.path],
      )
    ).rows;
    await c.query(
      `INSERT INTO sampling_points (round_id, area_id, area_path, name) SELECT $1, $2, $3, 'bench-point-' || g FROM generate_series(1, ${POINTS}) g`,
      [round.id, root.id, root.path],
    );
    // Tube i at point i % 200, opened every ~8 minutes at each point over the span; its ten people 45 s apart.
    await c.query(
      `INSERT INTO sampling_tubes (round_id, point_id, area_id, area_path, barcode, capacity, bound, status, opened_at)
       SELECT $1, p0.id + i % ${POINTS}, $2, $3, 'BXP' || i, 10, 10, 'closed',
              date_trunc('day', now()) - interval '${SPAN_DAYS} days' + (i / ${POINTS}) * (interval '${SPAN_DAYS} days' / ${TUBES / POINTS})
         FROM generate_series(0, ${TUBES - 1}) i, (SELECT min(id) AS id FROM sampling_points WHERE round_id = $1) p0`,
      [round.id, root.id, root.path],
    );
    log('tubes written');
    await c.query(
      `INSERT INTO sampling_bindings (client_id, round_id, tube_id, resident_id, seq, area_id, area_path, bound_at)
       SELECT 'bxp-' || t.id || '-' || j, $1, t.id, 1 + (hashint4(t.id * 10 + j) & 2147483647) % $4, j, $2, $3, t.opened_at + j * interval '45 seconds'
         FROM sampling_tubes t, generate_series(1, 10) j WHERE t.round_id = $1`,
      [round.id, root.id, root.path, residents],
    );
    log('bindings written');
    await c.query(
      `INSERT INTO checkpoint_posts (name, kind, area_id, area_path, qr_token, opens_on)
       SELECT 'bench-post-' || g, 'village_entrance', $1, $2, 'bench-post-' || g || '-' || md5(random()::text), current_date - 60 FROM generate_series(1, ${POSTS}) g`,
      [root.id, root.path],
    );
    await c.query(
      `INSERT INTO checkpoint_crossings (client_id, post_id, area_path, at, day, hour, direction, vehicle, people, decision, policy_decision, policy_rule)
       SELECT md5('bench-crossing-' || i)::uuid, p0.id + i % ${POSTS}, $1, x.at, x.at::date, extract(hour FROM x.at)::int,
              'in', false, 1, 'let_through', 'let_through', 'bench'
         FROM generate_series(0, ${CROSSINGS - 1}) i
         CROSS JOIN (SELECT min(id) AS id FROM checkpoint_posts WHERE name LIKE 'bench-post-%') p0
         CROSS JOIN LATERAL (SELECT date_trunc('day', now()) - interval '${SPAN_DAYS} days'
                                    + (i / ${POSTS}) * (interval '${SPAN_DAYS} days' / ${CROSSINGS / POSTS}) AS at) x`,
      [root.path],
    );
    log('crossings written');
    await c.query(
      `INSERT INTO checkpoint_crossing_people (crossing_id, crossing_at, area_path, temperature, feverish, resident_id)
       SELECT x.id, x.at, x.area_path, 36.5, false, 1 + (hashint4(x.id) & 2147483647) % $1 FROM checkpoint_crossings x WHERE x.policy_rule = 'bench'`,
      [residents],
    );
    await c.query('COMMIT');
    log('crossing people written');
  }
  // A tube of ten is full (and closed) about eight minutes after it was opened, as the desk closes it.
  await c.query(
    `UPDATE sampling_tubes t SET closed_at = t.opened_at + interval '8 minutes' FROM sampling_rounds r
      WHERE r.id = t.round_id AND r.name = 'bench-exposure' AND t.closed_at IS NULL`,
  );
  await c.query('ANALYZE sampling_tubes; ANALYZE sampling_bindings; ANALYZE checkpoint_crossings; ANALYZE checkpoint_crossing_people');
  const [ids] = (
    await c.query(
      `SELECT (SELECT min(p.id) FROM sampling_points p JOIN sampling_rounds r ON r.id = p.round_id WHERE r.name = 'bench-exposure') AS point0,
              (SELECT min(id) FROM checkpoint_posts WHERE name LIKE 'bench-post-%') AS post0,
              (SELECT count(*)::int FROM sampling_bindings b JOIN sampling_tubes t ON t.id = b.tube_id JOIN sampling_rounds r ON r.id = t.round_id
                WHERE r.name = 'bench-exposure') AS bindings,
              (SELECT count(*)::int FROM checkpoint_crossings WHERE policy_rule = 'bench') AS crossings`,
    )
  ).rows;
  return ids as { point0: number; post0: number; bindings: number; crossings: number };
}

/** Ten places of one case over the last days: five sampling points and five posts, an hour each at a busy time. */
export function tenPlaces(ids: { point0: number; post0: number }) {
  const H = 3_600_000;
  const day0 = new Date();
  day0.setUTCHours(2, 0, 0, 0);
  return Array.from({ length: 10 }, (_, i) => {
    const startsAt = new Date(day0.getTime() - (i + 1) * 24 * H + (i % 3) * H);
    const ref = i < 5 ? { samplingPointId: ids.point0 + i * 17 } : { postId: ids.post0 + i * 13 };
    return { kind: 'place', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + H).toISOString(), ...ref };
  });
}
