import type { ResponseOf } from '../../../domain/contract';
import type { getTube, listPoints, listRounds } from '../../../domain/sampling/api';

export type { BindAnswer } from '../../../domain/sampling/api';
export type Round = ResponseOf<typeof listRounds>['items'][number];
export type Point = ResponseOf<typeof listPoints>['items'][number];
/** A desk's tube (`members` only from GET /api/sampling/tubes/:id). */
export type Tube = Omit<ResponseOf<typeof getTube>, 'members'> & { members?: ResponseOf<typeof getTube>['members'] };

export interface DeskChoice {
  roundId?: number;
  pointId?: number;
  desk?: number;
}

const CHOICE_KEY = 'wangge.sampling.desk';

export function loadChoice(): DeskChoice {
  try {
    return JSON.parse(localStorage.getItem(CHOICE_KEY) ?? '{}') as DeskChoice;
  } catch {
    return {};
  }
}

export function saveChoice(c: DeskChoice) {
  localStorage.setItem(CHOICE_KEY, JSON.stringify(c));
}

/** A short beep from an oscillator (no sound file): the tube is full, change it. */
export function beep() {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = 880;
    gain.gain.value = 0.2;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.25);
    osc.onended = () => void ctx.close();
  } catch {
    // No sound on this device: the prompt on screen is enough.
  }
}
