export interface Round {
  id: number;
  name: string;
  areaName: string;
  status: 'planned' | 'open' | 'closed';
}

export interface Point {
  id: number;
  name: string;
  desks: number;
}

export interface Tube {
  id: number;
  roundId: number;
  pointId: number;
  desk: number | null;
  barcode: string;
  capacity: number;
  bound: number;
  full: boolean;
  status: 'open' | 'closed' | 'boxed';
  members?: { bindingId: number; seq: number; name: string; idNumber: string | null; boundAt: string; removed: boolean; removedReason: string | null }[];
}

export interface BindAnswer {
  bindings: {
    id: number;
    residentId: number;
    name: string;
    seq: number;
    duplicate: { bindingId: number; tubeBarcode: string; pointName: string; boundAt: string } | null;
    poolSize: { required: number; tube: number } | null;
  }[];
  tube: { id: number; barcode: string; capacity: number; bound: number; full: boolean };
  full: boolean;
  replayed: boolean;
}

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
