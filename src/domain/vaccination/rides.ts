import type { UnplacedReason } from './kinds';

/**
 * Rides to a vaccination session (专车接送), grouped into trips: pure, so the plan is the same however often it is read.
 *
 * A rider waits to be picked up within a window (HH:MM–HH:MM) for one session. A trip is one vehicle's run for one
 * session: every rider in it takes a seat, a wheelchair rider also takes one of the vehicle's wheelchair spaces, and
 * the trip leaves at one moment inside every one of its riders' windows (the latest window start). A vehicle runs
 * several trips a day, `tripMinutes` apart at least (out, to the site, and back).
 *
 * Greedy, earliest window end first (a rider whose window closes sooner is placed while there is still room), with
 * wheelchair riders ahead at equal ends (they have fewer vehicles to choose from): join an existing trip of the same
 * session if it keeps a common moment, a free seat (and space) and the vehicle's spacing; otherwise open a trip on
 * the first vehicle that can take the rider at some moment of their window, keeping vehicles with wheelchair space
 * for those who need it. A rider nothing can take is listed as unplaced, with why.
 */
export interface Rider {
  id: number;
  sessionId: number;
  wheelchair: boolean;
  /** HH:MM, 24-hour. */
  from: string;
  to: string;
}
export interface Vehicle {
  id: number;
  seats: number;
  wheelchairSpaces: number;
}
export interface Trip {
  vehicleId: number;
  sessionId: number;
  /** When the vehicle sets off to collect (HH:MM). */
  pickupAt: string;
  riderIds: number[];
  wheelchairs: number;
}
export interface RidePlan {
  trips: Trip[];
  unplaced: { id: number; why: UnplacedReason }[];
}

export const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};
const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

interface Open {
  vehicle: Vehicle;
  sessionId: number;
  /** The common window of its riders. */
  from: number;
  to: number;
  riders: Rider[];
  wheelchairs: number;
}

export function planRides(riders: Rider[], vehicles: Vehicle[], tripMinutes: number): RidePlan {
  const trips: Open[] = [];
  const unplaced: RidePlan['unplaced'] = [];
  const usable = vehicles.filter((v) => v.seats > 0);
  // A vehicle is free at `at` when each of its other trips leaves at least a round trip before or after.
  const freeAt = (v: Vehicle, at: number, except?: Open) => trips.every((t) => t === except || t.vehicle.id !== v.id || Math.abs(t.from - at) >= tripMinutes);
  const order = [...riders].sort(
    (a, b) => minutesOf(a.to) - minutesOf(b.to) || Number(b.wheelchair) - Number(a.wheelchair) || minutesOf(a.from) - minutesOf(b.from) || a.id - b.id,
  );
  for (const r of order) {
    const from = minutesOf(r.from);
    const to = minutesOf(r.to);
    if (!(from <= to)) {
      unplaced.push({ id: r.id, why: 'bad_window' });
      continue;
    }
    const joined = trips.find((t) => {
      if (t.sessionId !== r.sessionId || t.riders.length >= t.vehicle.seats) return false;
      if (r.wheelchair && t.wheelchairs >= t.vehicle.wheelchairSpaces) return false;
      const start = Math.max(t.from, from);
      if (start > Math.min(t.to, to)) return false;
      return start === t.from || freeAt(t.vehicle, start, t);
    });
    if (joined) {
      joined.from = Math.max(joined.from, from);
      joined.to = Math.min(joined.to, to);
      joined.riders.push(r);
      if (r.wheelchair) joined.wheelchairs++;
      continue;
    }
    const fit = usable
      .filter((v) => !r.wheelchair || v.wheelchairSpaces > 0)
      // Plain vehicles first for a plain rider: wheelchair space is the scarce kind.
      .sort((a, b) => (r.wheelchair ? 0 : Number(a.wheelchairSpaces > 0) - Number(b.wheelchairSpaces > 0)))
      .map((v) => ({ v, at: firstFreeMoment(v, from, to) }))
      .find((c) => c.at !== null);
    if (!fit) {
      unplaced.push({ id: r.id, why: r.wheelchair && !usable.some((v) => v.wheelchairSpaces > 0) ? 'no_wheelchair_vehicle' : 'no_vehicle_free' });
      continue;
    }
    const at = fit.at as number;
    trips.push({ vehicle: fit.v, sessionId: r.sessionId, from: at, to, riders: [r], wheelchairs: r.wheelchair ? 1 : 0 });
  }

  // The earliest moment within [from, to] when the vehicle is free: the window's start, or the end of one of its trips.
  function firstFreeMoment(v: Vehicle, from: number, to: number): number | null {
    const candidates = [from, ...trips.filter((t) => t.vehicle.id === v.id).map((t) => t.from + tripMinutes)]
      .filter((at) => at >= from && at <= to)
      .sort((a, b) => a - b);
    return candidates.find((at) => freeAt(v, at)) ?? null;
  }

  return {
    trips: trips
      .map((t) => ({
        vehicleId: t.vehicle.id,
        sessionId: t.sessionId,
        pickupAt: hhmm(t.from),
        riderIds: t.riders.map((x) => x.id),
        wheelchairs: t.wheelchairs,
      }))
      .sort((a, b) => a.pickupAt.localeCompare(b.pickupAt) || a.vehicleId - b.vehicleId),
    unplaced,
  };
}
