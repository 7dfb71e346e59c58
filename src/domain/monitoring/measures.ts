/**
 * The measure state machine: proposed → confirmed → active → release_check → released; a proposal may be
 * cancelled. Which actions each state allows is here, pure; the service applies them and audits each one.
 */
export const MEASURE_STATES = ['proposed', 'confirmed', 'active', 'release_check', 'released', 'cancelled'] as const;
export type MeasureState = (typeof MEASURE_STATES)[number];

export type MeasureAction = 'confirm' | 'cancel' | 'start' | 'release_check' | 'release' | 'release_early' | 'end_date' | 'transfer' | 'assign' | 'follow_ups';

const ALLOWED: Record<MeasureAction, MeasureState[]> = {
  confirm: ['proposed'],
  cancel: ['proposed'],
  start: ['confirmed'],
  release_check: ['active'],
  release: ['release_check'],
  release_early: ['active'],
  end_date: ['confirmed', 'active', 'release_check'],
  transfer: ['confirmed', 'active'],
  assign: ['proposed', 'confirmed', 'active', 'release_check'],
  follow_ups: ['active', 'release_check'],
};

export function allowed(action: MeasureAction, state: MeasureState): boolean {
  return ALLOWED[action].includes(state);
}

/** Follow-up instants of a measure, as local day + time pairs: N a day at set times, from `from` to `to` inclusive. */
export function followUpSlots(from: string, to: string, times: string[]): { day: string; time: string }[] {
  const out: { day: string; time: string }[] = [];
  for (let d = from; d <= to; d = nextDay(d)) for (const time of [...times].sort()) out.push({ day: d, time });
  return out;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
