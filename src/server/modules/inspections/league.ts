import type { PassThrough } from 'node:stream';
import { type AreaTally, leagueTable } from '../../../domain/inspections/league';
import type { Queryable } from '../../db/engine';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { writeList } from '../../platform/spreadsheets/write';
import { areasAs } from '../areas/sql';
import * as repo from './repo';
import { areaInScope } from './targets';

/**
 * Scores per village and town over a period (红黑榜) and their export for the year's assessment. One statement:
 * each inspection in the period counts for every area on its path (the ids in `area_path`), kept where that area
 * is a village (or community) — or a town (or street office) — so no per-area query and no LIKE join.
 */
export type Level = 'village' | 'town';
const KINDS: Record<Level, string[]> = { village: ['village', 'community'], town: ['town', 'street'] };
const MAX_DAYS = 366;

export async function tallies(db: Queryable, scopePath: string, p: { underPath: string; from: string; to: string; level: Level; timeZone: string }) {
  const q = new SqlParams();
  const tz = q.add(p.timeZone);
  return db.query<AreaTally>(
    `SELECT v.id AS "areaId", v.name, count(*)::int AS inspections, sum(x.score)::float8 AS "scoreSum",
            (count(*) FILTER (WHERE x.passed))::int AS passed, (count(*) FILTER (WHERE x.vetoed))::int AS vetoed
       FROM (SELECT i.score, i.passed, i.vetoed, unnest(string_to_array(trim(both '/' from i.area_path), '/'))::int AS aid
               FROM inspections i
              WHERE i.inspected_at >= (${q.add(p.from)}::date)::timestamp AT TIME ZONE ${tz}
                AND i.inspected_at < (${q.add(p.to)}::date + 1)::timestamp AT TIME ZONE ${tz}
                AND i.area_path LIKE ${q.add(`${p.underPath}%`)} AND ${scopeClause({ areaId: 0, path: scopePath }, 'i.area_path', q)}) x
       JOIN ${areasAs('v')} ON v.id = x.aid AND v.kind = ANY(${q.add(KINDS[p.level])}::text[]) AND v.path LIKE ${q.add(`${p.underPath}%`)}
      GROUP BY v.id, v.name`,
    q.values,
  );
}

function checkPeriod(from: string, to: string) {
  if (to < from) throw badRequest('INSPECTIONS_PERIOD', { days: MAX_DAYS }, { to: 'before_start' });
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= MAX_DAYS) throw badRequest('INSPECTIONS_PERIOD', { days: MAX_DAYS }, { to: 'too_long' });
}

type LCtx = Ctx & { timeZone: string };

export async function league(ctx: LCtx, p: { under?: number; from: string; to: string; level: Level }) {
  checkPeriod(p.from, p.to);
  const area = await areaInScope(ctx, p.under ?? ctx.actor.scope.areaId, 'under');
  const [rows, pol] = await Promise.all([
    tallies(ctx.db, ctx.actor.scope.path, { underPath: area.path, from: p.from, to: p.to, level: p.level, timeZone: ctx.timeZone }),
    repo.policy(ctx.db),
  ]);
  return { from: p.from, to: p.to, level: p.level, rows: leagueTable(rows, pol) };
}

const HEADERS = {
  zh: ['级别', '排名', '名称', '检查次数', '平均得分', '合格率（%）', '一票否决次数', '红黑榜'],
  en: ['Level', 'Rank', 'Name', 'Inspections', 'Average score', 'Pass rate (%)', 'Vetoed', 'List'],
};
const WORDS = {
  zh: { town: '乡镇', village: '村（社区）', red: '红榜', black: '黑榜' },
  en: { town: 'Town', village: 'Village', red: 'Red', black: 'Black' },
};

/** Towns then villages of the period, as ranked on screen; no personal data, one audit row per export. */
export async function exportScores(ctx: LCtx, p: { under?: number; from: string; to: string }) {
  checkPeriod(p.from, p.to);
  const area = await areaInScope(ctx, p.under ?? ctx.actor.scope.areaId, 'under');
  const [towns, villages] = await Promise.all([league(ctx, { ...p, under: area.id, level: 'town' }), league(ctx, { ...p, under: area.id, level: 'village' })]);
  await ctx.db.tx((tx) =>
    audit(tx, ctx, {
      action: 'export',
      entity: 'inspection_scores',
      entityId: area.id,
      areaPath: area.path,
      after: { from: p.from, to: p.to, towns: towns.rows.length, villages: villages.rows.length },
    }),
  );
  const w = WORDS[ctx.lang];
  const lines = [...towns.rows.map((r) => ({ r, level: w.town })), ...villages.rows.map((r) => ({ r, level: w.village }))].map(({ r, level }) => [
    level,
    String(r.rank),
    r.name,
    String(r.inspections),
    String(r.averageScore),
    String(r.passRate),
    String(r.vetoed),
    r.list ? w[r.list] : '',
  ]);
  return {
    fileName: `${area.name}-督导考核得分-${p.from}-${p.to}.xlsx`,
    write: (out: PassThrough) =>
      writeList(
        out,
        ctx.lang === 'zh' ? '督导考核得分' : 'Inspection scores',
        HEADERS[ctx.lang],
        (async function* () {
          yield lines;
        })(),
      ),
  };
}
