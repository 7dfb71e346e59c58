import type { InspectionPolicy } from './kinds';

/**
 * The league table (红黑榜): per village or town over a period, the average score of its inspections, ranked.
 * A vetoed inspection counts with its score of 0 and puts the area on the black list; the red list is those at
 * or above the policy's mark with no veto.
 */
export interface AreaTally {
  areaId: number;
  name: string;
  inspections: number;
  scoreSum: number;
  passed: number;
  vetoed: number;
}

export interface LeagueRow {
  rank: number;
  areaId: number;
  name: string;
  inspections: number;
  averageScore: number;
  passRate: number;
  vetoed: number;
  list: 'red' | 'black' | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Ranks areas with inspections (none → not ranked); equal averages share a rank (1, 2, 2, 4). Ties by name. */
export function leagueTable(tallies: AreaTally[], policy: Pick<InspectionPolicy, 'redMin' | 'blackBelow'>): LeagueRow[] {
  const rows = tallies
    .filter((t) => t.inspections > 0)
    .map((t) => {
      const averageScore = round1(t.scoreSum / t.inspections);
      const list: LeagueRow['list'] = t.vetoed > 0 || averageScore < policy.blackBelow ? 'black' : averageScore >= policy.redMin ? 'red' : null;
      return {
        rank: 0,
        areaId: t.areaId,
        name: t.name,
        inspections: t.inspections,
        averageScore,
        passRate: round1((100 * t.passed) / t.inspections),
        vetoed: t.vetoed,
        list,
      };
    })
    .sort((a, b) => b.averageScore - a.averageScore || a.name.localeCompare(b.name, 'zh-CN') || a.areaId - b.areaId);
  rows.forEach((r, i) => {
    r.rank = i > 0 && rows[i - 1].averageScore === r.averageScore ? rows[i - 1].rank : i + 1;
  });
  return rows;
}
