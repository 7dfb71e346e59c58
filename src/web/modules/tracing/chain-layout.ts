import type { ResponseOf } from '../../../domain/contract';
import type { getChain } from '../../../domain/tracing/api-chains';

/**
 * Where each person of a chain sits on the timeline drawing: across by their day (onset for a case, last exposure
 * for a contact), down by generation, people of one day and generation side by side. Pure, so it is tested
 * without a browser.
 */
export type Chain = ResponseOf<typeof getChain>;
export const DAY_WIDTH = 90;
export const ROW_HEIGHT = 90;
const SIDE_STEP = 26;

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);

export function timelinePositions(nodes: Chain['nodes']): Map<string, { x: number; y: number }> {
  const first = Math.min(...nodes.map((n) => dayNumber(n.on)));
  const taken = new Map<string, number>();
  const out = new Map<string, { x: number; y: number }>();
  for (const n of [...nodes].sort((a, b) => a.on.localeCompare(b.on) || a.id.localeCompare(b.id))) {
    const column = dayNumber(n.on) - first;
    const key = `${column}:${n.generation}`;
    const k = taken.get(key) ?? 0;
    taken.set(key, k + 1);
    out.set(n.id, { x: column * DAY_WIDTH + (k % 3) * SIDE_STEP, y: n.generation * ROW_HEIGHT + Math.floor(k / 3) * SIDE_STEP });
  }
  return out;
}

/** The days under the timeline: the first, the last and each in between, for the axis labels. */
export function timelineDays(nodes: Chain['nodes']): { day: string; x: number }[] {
  if (!nodes.length) return [];
  const days = nodes.map((n) => dayNumber(n.on));
  const first = Math.min(...days);
  const last = Math.max(...days);
  return Array.from({ length: last - first + 1 }, (_, i) => ({
    day: new Date((first + i) * 86_400_000).toISOString().slice(5, 10),
    x: i * DAY_WIDTH,
  }));
}
