/**
 * The coverage dashboard's shapes (docs/api-sampling.md "Coverage") and its pure helpers: which round to
 * show first, the order of the area rows, the drill-down trail, the hours of the chart. No React here, so
 * each rule has a unit test beside it.
 */

import type { CoverageAnswer, CoverageHours } from '../../../domain/sampling/api';

export type { MissingPerson } from '../../../domain/sampling/api';
export type Coverage = CoverageAnswer;
export type Figures = Coverage['total'];
/** areaId null: people rostered directly at the area itself, not under one of its children. */
export type CoverageRow = Coverage['items'][number];
/** hour: 'YYYY-MM-DDTHH:00', in the server's time zone. */
export type HourPoint = CoverageHours['items'][number];

export interface CoverageRound {
  id: number;
  name: string;
  areaId: number;
  areaPath: string;
  areaName: string;
  rosterDate: string;
  status: 'planned' | 'open' | 'closed';
}

const STATUS_ORDER: Record<CoverageRound['status'], number> = { open: 0, planned: 1, closed: 2 };

/** Open rounds first (the ones being sampled now), then planned, then closed; the server's newest-first order within each. */
export function orderRounds<R extends Pick<CoverageRound, 'status'>>(rounds: readonly R[]): R[] {
  return rounds
    .map((r, i) => ({ r, i }))
    .sort((a, b) => STATUS_ORDER[a.r.status] - STATUS_ORDER[b.r.status] || a.i - b.i)
    .map((x) => x.r);
}

export type RowSort = 'rate' | 'missing' | 'name';

/**
 * The area rows in the order a commander reads them. `rate`: lowest coverage first — the places to push —
 * with rows where nobody is due (rate null) last, ties broken by more missing people first. `missing`: most
 * missing first. `name`: the server's order (the area tree's), which is how the places are known locally.
 */
export function sortRows<R extends CoverageRow>(rows: readonly R[], by: RowSort): R[] {
  const indexed = rows.map((r, i) => ({ r, i }));
  const byName = (a: { i: number }, b: { i: number }) => a.i - b.i;
  if (by === 'name') return indexed.sort(byName).map((x) => x.r);
  if (by === 'missing') return indexed.sort((a, b) => b.r.missing - a.r.missing || byName(a, b)).map((x) => x.r);
  return indexed
    .sort((a, b) => {
      if (a.r.rate === null || b.r.rate === null) return (a.r.rate === null ? 1 : 0) - (b.r.rate === null ? 1 : 0) || byName(a, b);
      return a.r.rate - b.r.rate || b.r.missing - a.r.missing || byName(a, b);
    })
    .map((x) => x.r);
}

/** Whole percent for display: 0.9999 shows as 99 (not 100) so "all sampled" is never claimed early. */
export function percent(rate: number | null): number | null {
  if (rate === null) return null;
  if (rate >= 1) return 100;
  return Math.floor(rate * 100);
}

/** The colour band of a rate: red below 60 %, orange below 95 %, green from there (nobody due: grey). */
export function rateTone(rate: number | null): 'none' | 'low' | 'mid' | 'high' {
  if (rate === null) return 'none';
  if (rate < 0.6) return 'low';
  if (rate < 0.95) return 'mid';
  return 'high';
}

export interface TrailArea {
  id: number;
  name: string;
  path: string;
}

/**
 * The breadcrumb from the top of the dashboard down to the area shown: the area's ancestors (as the areas
 * API lists them, within the caller's scope) that lie at or below the round's area — above it the coverage
 * API refuses `under` — and the area itself last even when the list left it out.
 */
export function drillTrail(ancestors: readonly TrailArea[], current: TrailArea, roundAreaPath: string): TrailArea[] {
  const inRound = ancestors.filter((a) => a.path.startsWith(roundAreaPath) && a.id !== current.id && current.path.startsWith(a.path));
  return [...inRound, current];
}

/**
 * The chart's hours: every hour from the first sampling to the last, the quiet ones with 0 sampled and the
 * running total carried over, so the line's slope shows the pace honestly. Hours are local wall-clock text
 * from the server; they are stepped as UTC to avoid the browser's own time zone and its daylight saving.
 * More than `maxHours` (a week of hours) keeps the last ones.
 */
export function fillHours(points: readonly HourPoint[], maxHours = 24 * 7): HourPoint[] {
  if (!points.length) return [];
  const at = (h: string) => Date.parse(`${h}:00Z`);
  const text = (ms: number) => new Date(ms).toISOString().slice(0, 13) + ':00';
  const byHour = new Map(points.map((p) => [p.hour, p]));
  const first = at(points[0].hour);
  const last = at(points[points.length - 1].hour);
  const out: HourPoint[] = [];
  let cumulative = 0;
  for (let ms = first; ms <= last; ms += 3_600_000) {
    const hour = text(ms);
    const p = byHour.get(hour);
    if (p) cumulative = p.cumulative;
    out.push({ hour, sampled: p?.sampled ?? 0, cumulative });
  }
  return out.slice(-maxHours);
}

/** "HH:mm:ss" of a moment in the browser's clock: the "updated at" stamp of a live page. */
export function clockTime(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
