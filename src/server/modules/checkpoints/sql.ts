/**
 * Checkpoints' records lent to the daily report, which rolls its figures up by area and day inside its one
 * statement. Each is a subquery over the checkpoints' own tables answering per (day, area_id) of the post, with
 * the meaning of each figure kept here (the same sums as the module's own figures, `figures.ts`): people are
 * counted (a bus of 40 is 40 checked), "vehicles turned back" counts vehicles, and a post is counted on every day
 * its dates cover. `under`, `d0`, `d1` are the caller's placeholders (a path prefix with its '%', the first and
 * last day); `days` names a relation of the caller with a date column `day`.
 */
export function crossingsByAreaDaySql(p: { under: string; d0: string; d1: string }): string {
  // The day counters (migration 0055), kept by a trigger as crossings are written: a few rows per post and day
  // where the crossings themselves are hundreds of thousands a day at county scale.
  return `(SELECT d.day, cp.area_id, sum(d.checked)::int AS checked, sum(d.turned_back)::int AS turned_back,
            sum(d.vehicles_turned_back)::int AS vehicles_turned_back
       FROM checkpoint_crossing_days d JOIN checkpoint_posts cp ON cp.id = d.post_id
      WHERE d.area_path LIKE ${p.under} AND d.day >= ${p.d0}::date AND d.day <= ${p.d1}::date
      GROUP BY 1, 2)`;
}

/** Posts open on each day of `days` (their dates cover it), per (day, area_id). */
export function postsOpenByAreaDaySql(p: { under: string; days: string }): string {
  return `(SELECT d.day, cp.area_id, count(*)::int AS posts
       FROM ${p.days} d JOIN checkpoint_posts cp ON cp.opens_on <= d.day AND (cp.closes_on IS NULL OR cp.closes_on >= d.day)
      WHERE cp.area_path LIKE ${p.under}
      GROUP BY 1, 2)`;
}
