/**
 * The registry lent to other modules' SQL, so a person's name beside a tube, a flag or a measure, and the roster
 * of an area on a day, stay joins inside the caller's one statement (sampling's counters, monitoring's lists).
 * The tables and how a roster is computed stay here. Columns others read: residents — id, name, id_number,
 * phone, birth_date, gender, groups, status, area_id, area_path, household_id, merged_into, updated_at;
 * households — id, address, area_id, area_path. Writes go through this module's services only.
 */
export const residentsAs = (alias: string): string => `residents ${alias}`;
export const householdsAs = (alias: string): string => `households ${alias}`;

/**
 * The last time any resident changed: one look at the end of `residents_updated_at_idx` (every registry write
 * sets `updated_at`), so a reader can tell cheaply whether what it derived from the registry is behind.
 */
export const registryChangedUpTo = '(SELECT max(updated_at) FROM residents)';

/**
 * Who lived under an area on a day: each person's latest dated stay covering `day` (a SQL date expression,
 * usually a parameter), as a subquery of (resident_id, area_path, …columns). `where` filters the stays (alias
 * `st`); `person`, when given, joins the person (alias `r`) on that condition, e.g. `r.merged_into IS NULL`.
 */
export function latestStaysOn(p: { day: string; where: string; person?: string; columns?: string }): string {
  return `SELECT DISTINCT ON (st.resident_id) st.resident_id, st.area_path${p.columns ? `, ${p.columns}` : ''}
       FROM resident_stays st${p.person ? ` JOIN residents r ON r.id = st.resident_id AND ${p.person}` : ''}
      WHERE ${p.where}
        AND st.from_date <= ${p.day}::date AND (st.to_date IS NULL OR st.to_date > ${p.day}::date)
      ORDER BY st.resident_id, st.from_date DESC, st.id DESC`;
}
