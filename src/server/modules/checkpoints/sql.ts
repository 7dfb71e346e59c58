/**
 * Checkpoints' records lent to the daily report, which rolls its figures up by area and day inside its one
 * statement. Each is a subquery over the checkpoints' own tables answering per (day, area_id) of the post, with
 * the meaning of each figure kept here (the same sums as the module's own figures, `figures.ts`): people are
 * counted (a bus of 40 is 40 checked), "vehicles turned back" counts vehicles, and a post is counted on every day
 * its dates cover. `under`, `d0`, `d1` are the caller's placeholders (a path prefix with its '%', the first and
 * last day); `days` names a relation of the caller with a date column `day`.
 */
export function crossingsByAreaDaySql(p: { under: string; d0: string; d1: string }): string {
  return `(SELECT c.day, cp.area_id, COALESCE(sum(c.people), 0)::int AS checked,
            COALESCE(sum(c.people) FILTER (WHERE c.decision = 'turned_back'), 0)::int AS turned_back,
            (count(*) FILTER (WHERE c.vehicle AND c.decision = 'turned_back'))::int AS vehicles_turned_back
       FROM checkpoint_crossings c JOIN checkpoint_posts cp ON cp.id = c.post_id
      WHERE c.area_path LIKE ${p.under} AND c.day >= ${p.d0}::date AND c.day <= ${p.d1}::date
      GROUP BY 1, 2)`;
}

/** Posts open on each day of `days` (their dates cover it), per (day, area_id). */
export function postsOpenByAreaDaySql(p: { under: string; days: string }): string {
  return `(SELECT d.day, cp.area_id, count(*)::int AS posts
       FROM ${p.days} d JOIN checkpoint_posts cp ON cp.opens_on <= d.day AND (cp.closes_on IS NULL OR cp.closes_on >= d.day)
      WHERE cp.area_path LIKE ${p.under}
      GROUP BY 1, 2)`;
}
