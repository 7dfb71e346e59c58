import { type SearchKind, type SearchTarget, classifySearch, nameBigrams, nameSearchKey } from '../../../domain/search-text';
import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams, likeEscape } from '../../platform/sql';
import { RESIDENT_COLUMNS, RESIDENT_FROM, type ResidentRow } from './repo';

/** The registry's search SQL: one text box over names, pinyin, addresses and (for those who may) numbers. */
export interface ResidentSearch {
  q?: string;
  /** What the text is, as the person searching said; absent: decided from the text (`classifySearch`). */
  target?: SearchTarget;
  underPath?: string;
  groups?: string[];
  status?: string;
  /** Birth dates bounding an age filter, computed by the service. */
  bornOnOrBefore?: string;
  bornAfter?: string;
  /** Roster of this day (from dated stays) instead of the current one. */
  asOf?: string;
  /** Digits may find an ID number or a phone (the caller may reveal them); otherwise they are read as an address. */
  byNumber?: boolean;
  page: number;
  pageSize: number;
}

/** Every condition of a search except the text. */
function filterWhere(scope: Scope, s: ResidentSearch, q: SqlParams): string {
  const where = ['r.merged_into IS NULL'];
  if (s.asOf) {
    // Who lived here that day, wherever they are now.
    const inScope = scopeClause(scope, 'st.area_path', q);
    const under = s.underPath ? ` AND st.area_path LIKE ${q.add(s.underPath + '%')}` : '';
    const day = q.add(s.asOf);
    where.push(`EXISTS (SELECT 1 FROM resident_stays st WHERE st.resident_id = r.id AND ${inScope}${under}
      AND st.from_date <= ${day}::date AND (st.to_date IS NULL OR st.to_date > ${day}::date))`);
  } else {
    where.push(scopeClause(scope, 'r.area_path', q));
    if (s.underPath) where.push(`r.area_path LIKE ${q.add(s.underPath + '%')}`);
  }
  if (s.status) where.push(`r.status = ${q.add(s.status)}`);
  if (s.bornOnOrBefore) where.push(`r.birth_date <= ${q.add(s.bornOnOrBefore)}::date`);
  if (s.bornAfter) where.push(`r.birth_date > ${q.add(s.bornAfter)}::date`);
  const stored = (s.groups ?? []).filter((g) => g !== 'elderly60' && g !== 'elderly80');
  if (stored.length) where.push(`r.groups @> ${q.add(stored)}::text[]`);
  return where.join(' AND ');
}

/**
 * What the text of a search is looked for as: the shared rule, with numbers read as part of an address
 * by those who may not search by them, and text that may be a name or an address settled beforehand
 * (`settleTarget`) or, absent that, taken for a name.
 */
function kindOf(s: ResidentSearch): Exclude<SearchKind, 'name_or_address'> {
  const kind = classifySearch(s.q ?? '', s.target);
  if ((kind === 'id_number' || kind === 'digits') && !s.byNumber) return 'address';
  return kind === 'name_or_address' ? 'name' : kind;
}

/** The whole condition of a search over `residents r` (the export lists what the search finds). */
export function searchWhere(scope: Scope, s: ResidentSearch, q: SqlParams): string {
  const w = filterWhere(scope, s, q);
  if (!s.q?.trim()) return w;
  const branches = textBranches(s.q.trim(), kindOf(s), q);
  return `${w} AND (${branches.map((b) => `(${b.cond})`).join(' OR ')})`;
}

/**
 * Text that may be a name or an address (陈建社, 张村) is a name when someone in the search's reach has it,
 * else an address: the same search then lists the same people, whether shown or exported.
 */
export async function settleTarget(db: Queryable, scope: Scope, s: ResidentSearch): Promise<ResidentSearch> {
  if (!s.q?.trim() || s.target || classifySearch(s.q, undefined) !== 'name_or_address') return s;
  const q = new SqlParams();
  const w = filterWhere(scope, s, q);
  const branches = textBranches(s.q.trim(), 'name', q);
  const [{ found }] = await db.query<{ found: boolean }>(
    `SELECT ${branches.map((b) => `EXISTS (SELECT 1 FROM residents r WHERE ${b.cond} AND ${w})`).join(' OR ')} AS found`,
    q.values,
  );
  return { ...s, target: found ? 'name' : 'address' };
}

/**
 * The text becomes one to three conditions ("branches"), each served by its own index — an OR of two
 * indexed conditions would be read as a bitmap of the table instead — and excluding the matches of the
 * branches before it, so every person is listed once:
 * - an 18-character ID finds its person, 3+ digits the end of an ID or a phone (only for `byNumber`);
 * - Latin letters match the start of the initials or the full pinyin (zs → 张三), or any part of a name
 *   written in letters;
 * - a name matches from its start (an exact name first), then anywhere inside (贝克 → 甲贝克): the index
 *   lists every pair of adjacent characters after a name's first, so a text of two or more characters is
 *   found inside a name; one character finds names that start with it (a surname);
 * - an address matches part of the household address.
 * Names are compared by their keys (`name_key`, from `name_search_key`): spaces and dots typed or not, any case.
 *
 * A branch with a `key` is read in the order of its index (the searched text, then household and id), so
 * a broad prefix costs one page of the index, not all its matches; the others gather their matches (at
 * most one more than the count cap: a broad text is answered with "1000+") and sort them by household.
 */
interface Branch {
  cond: string;
  key?: string;
}

const NAME_KEY = 'r.name_key';

function textBranches(text: string, kind: Exclude<SearchKind, 'name_or_address'>, q: SqlParams): Branch[] {
  const t = text.replace(/\s+/g, '');
  if (kind === 'id_number') return [{ cond: `r.id_number = ${q.add(t.toUpperCase())}` }];
  if (kind === 'digits') {
    // "Ends with" as a prefix of the reversed value (residents_id_tail_cover_idx, residents_phone_tail_cover_idx: index-only).
    const rev = q.add(likeEscape([...t.toUpperCase()].reverse().join('')) + '%');
    return [
      { cond: `reverse(r.id_number) LIKE ${rev}` },
      { cond: `reverse(r.phone) LIKE ${rev} AND (r.id_number IS NULL OR reverse(r.id_number) NOT LIKE ${rev})` },
    ];
  }
  if (kind === 'address') {
    return [{ cond: `r.household_id IN (SELECT hh.id FROM households hh WHERE hh.address LIKE ${q.add('%' + likeEscape(text.trim()) + '%')})` }];
  }
  const key = nameSearchKey(text);
  const inside = (exclude: string) => {
    const grams = nameBigrams(key);
    if (!grams.length) return [];
    const cond = `name_inner_bigrams(r.name_key) @> ${q.add(grams)}::text[] AND ${NAME_KEY} LIKE ${q.add('%' + likeEscape(key) + '%')}`;
    return [{ cond: `${cond} AND ${exclude}` }];
  };
  if (kind === 'letters') {
    const p = q.add(likeEscape(key) + '%');
    return [
      { cond: `r.name_initials LIKE ${p}`, key: 'r.name_initials' },
      { cond: `r.name_pinyin LIKE ${p} AND r.name_initials NOT LIKE ${p}`, key: 'r.name_pinyin' },
      ...inside(`r.name_pinyin NOT LIKE ${p} AND r.name_initials NOT LIKE ${p}`),
    ];
  }
  const start = q.add(likeEscape(key) + '%');
  return [{ cond: `${NAME_KEY} LIKE ${start}`, key: NAME_KEY }, ...inside(`${NAME_KEY} NOT LIKE ${start}`)];
}

/** Totals are counted up to a cap, so a broad search answers at once: "1000+", then narrow it. */
export const COUNT_CAP_WITH_TEXT = 1000;
export const COUNT_CAP = 10_000;

export async function searchResidents(db: Queryable, scope: Scope, given: ResidentSearch) {
  const s = await settleTarget(db, scope, given);
  const q = new SqlParams();
  const w = filterWhere(scope, s, q);
  const text = s.q?.trim();
  if (!text) {
    // The registry itself, or a filter of it, by household: count up to the cap, and let the planner walk
    // the household index or gather a small area and sort it.
    const [{ total }] = await db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM (SELECT 1 FROM residents r WHERE ${w} LIMIT ${COUNT_CAP + 1}) s`,
      q.values,
    );
    const rows = await db.query<ResidentRow>(
      `SELECT ${RESIDENT_COLUMNS} FROM ${RESIDENT_FROM} WHERE ${w} ORDER BY r.household_id NULLS LAST, r.id
        LIMIT ${q.add(s.pageSize)} OFFSET ${q.add((s.page - 1) * s.pageSize)}`,
      q.values,
    );
    return { rows, total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP };
  }
  // With text, in one statement: each branch's candidates for the page (the first `upTo` in index order,
  // or its matches up to the cap), each branch counted up to the cap from its index, then only the page
  // read from the table. MATERIALIZED keeps each branch on its own index: inlined under an ORDER BY …
  // LIMIT, the planner may walk the household index and filter the whole registry instead.
  const branches = textBranches(text, kindOf(s), q);
  const upTo = branches.some((b) => b.key) ? q.add(s.page * s.pageSize) : '';
  const order = (t: string) => `${t}.household_id NULLS LAST, ${t}.id`;
  const ctes = branches.map((b, i) => {
    const select = `SELECT ${i} AS b, ${b.key ?? "''::text"} AS k, r.household_id, r.id FROM residents r WHERE ${b.cond} AND ${w}`;
    return `m${i} AS MATERIALIZED (${b.key ? `${select} ORDER BY ${b.key} USING ~<~, ${order('r')} LIMIT ${upTo}` : `${select} LIMIT ${COUNT_CAP_WITH_TEXT + 1}`})`;
  });
  // Counted from the index up to the cap where the branch read only a page; from its gathered matches otherwise.
  const counts = branches.map((b, i) =>
    b.key ? `(SELECT count(*) FROM (SELECT 1 FROM residents r WHERE ${b.cond} AND ${w} LIMIT ${COUNT_CAP_WITH_TEXT + 1}) c)` : `(SELECT count(*) FROM m${i})`,
  );
  const rows = await db.query<ResidentRow & { match_total: number }>(
    `WITH ${ctes.join(',\n      ')},
    page AS (
      SELECT * FROM (${branches.map((_, i) => `SELECT * FROM m${i}`).join(' UNION ALL ')}) u
       ORDER BY u.b, u.k USING ~<~, ${order('u')} LIMIT ${q.add(s.pageSize)} OFFSET ${q.add((s.page - 1) * s.pageSize)}
    )
    SELECT t.match_total, ${RESIDENT_COLUMNS}
      FROM (SELECT (${counts.join(' + ')})::int AS match_total) t
      LEFT JOIN (page p JOIN ${RESIDENT_FROM} ON r.id = p.id) ON true
     ORDER BY p.b, p.k USING ~<~, ${order('p')}`,
    q.values,
  );
  const total = rows[0]?.match_total ?? 0;
  const items = rows.filter((r) => r.id !== null).map(({ match_total: _, ...r }) => r as ResidentRow);
  return { rows: items, total: Math.min(total, COUNT_CAP_WITH_TEXT), totalCapped: total > COUNT_CAP_WITH_TEXT };
}
