import { type Prepared, blocks, excessCost, isAvailable, isBusy, pairConflict, shiftInfo } from './model';
import type { RosterAssignment } from './types';
import { areaNodes } from './area-nodes';
import { mulberry32 } from '../../../../domain/random';

/**
 * Local search over who works which time class, with posts left to a matching at the end.
 *
 * Shifts of one time class (same start, end and kind) are alike for every rule — hours, rest, overlap,
 * night → morning, one shift a day, availability — so a roster is, for the rules and the fairness costs, only
 * which (class, role) each person works. Trips follow from that alone: within a (class, role), matching people
 * to posts bottom-up on the area tree (rematch.ts) crosses each tree edge exactly |people below − posts below|
 * times, and no matching can cross it fewer times. So the trip cost of a whole roster is
 *
 *     travelPerStep × Σ over (class, role) Σ over areas a ≠ root |supply(a) − demand(a)|
 *
 * where supply(a) counts the people working that class and role whose home lies under a, and demand(a) the
 * slots at posts under a. A move (a person hands a shift to another, two people exchange shifts) changes
 * supply at two homes by one, so its cost is read off the areas on the two paths to the root, and the person
 * rows (hours, classes held) are checked against a class × class conflict table: hundreds of thousands of
 * moves a second instead of a MIP per neighbourhood. Open slots and hand edits stay as they are; the filled
 * slots keep being filled, by someone.
 */

export interface ClassSearchOptions {
  /** The search's random seed: the same seed, problem and number of moves give the same roster. */
  seed?: number;
  /** Stops after this many moves tried (for tests; the deadline stops it otherwise). */
  maxMoves?: number;
  /** Called now and then with the objective's movable part (trips and fairness). */
  onProgress?: (p: { moves: number; accepted: number; cost: number; startCost: number }) => void;
}

export interface ClassSearchResult {
  assignments: RosterAssignment[];
  moves: number;
  accepted: number;
  /** Trips and fairness of the free cells at the start and the end (constant terms left out). */
  startCost: number;
  endCost: number;
}

/** The area tree of every home and post: node 0 is the root above all paths. */
function areaTree(prep: Prepared) {
  const { node, parent } = areaNodes();
  const personNode = Int32Array.from(prep.people, (p) => node(p.path));
  const shiftNode = Int32Array.from(prep.shifts, (s) => node(s.path));
  return { parent: Int32Array.from(parent), personNode, shiftNode };
}

export function classSearch(prep: Prepared, assignments: readonly RosterAssignment[], deadline: number, options: ClassSearchOptions = {}): ClassSearchResult {
  const { policy } = prep;
  const w = policy.weights;
  const rnd = mulberry32(options.seed ?? 15);
  const C = prep.classes.length;
  const P = prep.people.length;
  const roleIndex = new Map<string, number>();
  for (const s of prep.shifts) for (const n of s.src.needs) if (!roleIndex.has(n.role)) roleIndex.set(n.role, roleIndex.size);
  const R = Math.max(1, roleIndex.size);
  const K = C * R;
  const { parent, personNode, shiftNode } = areaTree(prep);
  const N = parent.length;
  const cls = (k: number) => Math.floor(k / R);

  // Rules per class pair and per person and class: the same for every shift of a class.
  const conflict = new Uint8Array(C * C);
  for (let a = 0; a < C; a++) for (let b = 0; b < C; b++) conflict[a * C + b] = a === b || blocks(prep.classes[a], prep.classes[b], policy) ? 1 : 0;
  const oneADay = policy.maxShiftsPerDay <= 1;
  const can = new Uint8Array(P * C);
  for (const p of prep.people) {
    const around = (p.src.around ?? []).map((s) => shiftInfo(s, -1, policy, prep.offsetMs));
    for (let c = 0; c < C; c++) {
      const s = prep.classes[c];
      if (!isAvailable(p, s) || isBusy(p, s)) continue;
      if (around.some((o) => pairConflict(o.start <= s.start ? o : s, o.start <= s.start ? s : o, policy))) continue;
      can[p.i * C + c] = 1;
    }
  }
  const roleMask = Int32Array.from(prep.people, (p) => {
    let m = 0;
    for (const r of p.roles) {
      const i = roleIndex.get(r);
      if (i !== undefined && i < 31) m |= 1 << i;
    }
    return m;
  });

  // Hand edits (one match each) stay; so do assignments naming unknown shifts, people or roles.
  const fixedLeft = new Map<string, number>();
  const key = (a: RosterAssignment) => `${a.shiftId}\u0000${a.personId}\u0000${a.role}`;
  for (const a of prep.fixed) fixedLeft.set(key(a), (fixedLeft.get(key(a)) ?? 0) + 1);
  const kept: RosterAssignment[] = [];
  const hours = new Float64Array(P);
  const nights = new Int32Array(P);
  const weekends = new Int32Array(P);
  /** Classes each person holds: the free ones (movable, as commodities) and the kept ones (for the rules only). */
  const held: number[][] = Array.from({ length: P }, () => []);
  const keptCls: number[][] = Array.from({ length: P }, () => []);
  const x = new Int32Array(K * N);
  const slots: { si: number; k: number }[] = [];
  const bump = (k: number, v: number, d: number) => {
    for (let u = v; u > 0; u = parent[u]) x[k * N + u] += d;
  };
  const take = (pi: number, c: number) => {
    const s = prep.classes[c];
    hours[pi] += s.hours;
    if (s.night) nights[pi]++;
    if (s.weekend) weekends[pi]++;
  };
  for (const a of assignments) {
    const si = prep.shiftIndex.get(a.shiftId);
    const pi = prep.personIndex.get(a.personId);
    const r = roleIndex.get(a.role);
    const left = fixedLeft.get(key(a)) ?? 0;
    if (left > 0) fixedLeft.set(key(a), left - 1);
    if (left > 0 || si === undefined || pi === undefined || r === undefined || r >= 31) {
      kept.push(a);
      if (si !== undefined && pi !== undefined) {
        keptCls[pi].push(prep.shifts[si].cls);
        take(pi, prep.shifts[si].cls);
      }
      continue;
    }
    const k = prep.shifts[si].cls * R + r;
    held[pi].push(k);
    take(pi, prep.shifts[si].cls);
    slots.push({ si, k });
    bump(k, shiftNode[si], -1);
    bump(k, personNode[pi], 1);
  }
  const fairness = (n: number, wk: number) => excessCost(n, policy.freeNights, w.extraNight) + excessCost(wk, policy.freeWeekendShifts, w.extraWeekendShift);
  let cost = 0;
  for (let i = 0; i < K * N; i++) if (i % N !== 0) cost += w.travelPerStep * Math.abs(x[i]);
  for (let pi = 0; pi < P; pi++) cost += fairness(nights[pi], weekends[pi]);
  const startCost = cost;

  /** Applies ±1 supply of commodity k at area v and returns the change in trips. */
  const shiftSupply = (k: number, v: number, d: number) => {
    let delta = 0;
    for (let u = v; u > 0; u = parent[u]) {
      const i = k * N + u;
      const before = x[i];
      x[i] = before + d;
      delta += Math.abs(before + d) - Math.abs(before);
    }
    return delta * w.travelPerStep;
  };
  /** Whether person pi, holding `held[pi]` without `without` (a commodity, or -1), may work class c with role r. */
  const fits = (pi: number, k: number, without: number) => {
    const c = cls(k);
    if (!can[pi * C + c] || !(roleMask[pi] & (1 << (k % R)))) return false;
    const s = prep.classes[c];
    const freed = without >= 0 ? prep.classes[cls(without)].hours : 0;
    if (hours[pi] - freed + s.hours > prep.people[pi].cap + 1e-9) return false;
    let sameDay = 0;
    let skipped = false;
    for (const h of held[pi]) {
      if (h === without && !skipped) {
        skipped = true;
        continue;
      }
      const t = cls(h);
      if (conflict[t * C + c]) return false;
      if (prep.classes[t].day === s.day) sameDay++;
    }
    for (const t of keptCls[pi]) {
      if (conflict[t * C + c]) return false;
      if (prep.classes[t].day === s.day) sameDay++;
    }
    return oneADay || sameDay < policy.maxShiftsPerDay;
  };
  /** Moves commodity k from person `from` to person `to` (bookkeeping only) and returns the fairness change. */
  const hand = (from: number, to: number, k: number) => {
    const s = prep.classes[cls(k)];
    const before = fairness(nights[from], weekends[from]) + fairness(nights[to], weekends[to]);
    const list = held[from];
    list.splice(list.indexOf(k), 1);
    held[to].push(k);
    hours[from] -= s.hours;
    hours[to] += s.hours;
    if (s.night) {
      nights[from]--;
      nights[to]++;
    }
    if (s.weekend) {
      weekends[from]--;
      weekends[to]++;
    }
    return fairness(nights[from], weekends[from]) + fairness(nights[to], weekends[to]) - before;
  };
  const transfer = (from: number, to: number, k: number) => hand(from, to, k) + shiftSupply(k, personNode[from], -1) + shiftSupply(k, personNode[to], 1);

  // People under each area, to draw a partner near the person giving a shift up.
  const under: number[][] = Array.from({ length: N }, () => []);
  for (let pi = 0; pi < P; pi++) for (let u = personNode[pi]; u >= 0; u = parent[u]) under[u].push(pi);
  // Whoever may fill some role can come to hold shifts, and then give them up again.
  const workers: number[] = [];
  for (let pi = 0; pi < P; pi++) if (roleMask[pi] !== 0) workers.push(pi);

  let moves = 0;
  let accepted = 0;
  const maxMoves = options.maxMoves ?? Number.POSITIVE_INFINITY;
  const began = Date.now();
  const span = Math.max(1, deadline - began);
  // Annealing: a small temperature at first (sideways and slightly worse moves let the search travel), none at the end.
  let temperature = 0.6;
  let lastReport = began;
  // Defined once, outside the loop: a closure made per move cost a third of the search's time (the TypeScript
  // loader names every function it creates, a property write each time; CPU profile of the county bench).
  const accept = (delta: number) => delta <= 0 || (temperature > 0.01 && rnd() < Math.exp(-delta / temperature));
  while (slots.length > 0 && moves < maxMoves) {
    if ((moves & 1023) === 0) {
      const now = Date.now();
      if (now >= deadline) break;
      const left = 1 - (now - began) / span;
      temperature = Number.isFinite(maxMoves) ? 0.6 * (1 - moves / maxMoves) : 0.6 * left * left;
      if (options.onProgress && now - lastReport > 2000) {
        lastReport = now;
        options.onProgress({ moves, accepted, cost, startCost });
      }
    }
    moves++;
    const q = workers[Math.floor(rnd() * workers.length)];
    const list = held[q];
    if (list.length === 0) continue;
    const k = list[Math.floor(rnd() * list.length)];
    // The partner: most often from the giver's own area or its parent's, sometimes from anywhere.
    const r0 = rnd();
    const v = personNode[q];
    const area = r0 < 0.35 ? v : r0 < 0.85 && parent[v] > 0 ? parent[v] : r0 < 0.95 && parent[v] > 0 && parent[parent[v]] > 0 ? parent[parent[v]] : 0;
    const pool = under[area];
    const p = pool[Math.floor(rnd() * pool.length)];
    if (p === q) continue;
    if (fits(p, k, -1)) {
      const delta = transfer(q, p, k);
      if (accept(delta)) {
        cost += delta;
        accepted++;
      } else transfer(p, q, k);
      continue;
    }
    // p cannot take k as things stand: p gives q one of p's shifts in exchange, if that makes room for both.
    const theirs = held[p];
    if (theirs.length === 0) continue;
    const k2 = theirs[Math.floor(rnd() * theirs.length)];
    if (k2 === k || !fits(p, k, k2) || !fits(q, k2, k)) continue;
    const delta = transfer(q, p, k) + transfer(p, q, k2);
    if (accept(delta)) {
      cost += delta;
      accepted++;
    } else {
      transfer(q, p, k2);
      transfer(p, q, k);
    }
  }

  // Annealing may end above where it began when stopped early (a tiny time limit): then the start stands.
  if (cost > startCost) return { assignments: [...assignments], moves, accepted, startCost, endCost: startCost };

  // Posts for people: each (class, role) matched bottom-up on the area tree, which attains the trips counted above.
  const depth = new Int32Array(N);
  for (let u = 1; u < N; u++) {
    let d = 0;
    for (let a = u; a > 0; a = parent[a]) d++;
    depth[u] = d;
  }
  const order = Array.from({ length: N }, (_, u) => u).sort((a, b) => depth[b] - depth[a]);
  const peopleAt: number[][][] = Array.from({ length: K }, () => []);
  const slotsAt: number[][][] = Array.from({ length: K }, () => []);
  const at = (lists: number[][][], k: number, u: number) => {
    const byNode = lists[k];
    if (!byNode[u]) byNode[u] = [];
    return byNode[u];
  };
  for (let pi = 0; pi < P; pi++) for (const k of held[pi]) at(peopleAt, k, personNode[pi]).push(pi);
  for (const s of slots) at(slotsAt, s.k, shiftNode[s.si]).push(s.si);
  const out = [...kept];
  const roleName = [...roleIndex.keys()];
  for (let k = 0; k < K; k++) {
    if (slotsAt[k].length === 0) continue;
    for (const u of order) {
      const ps = peopleAt[k][u] ?? [];
      const ss = slotsAt[k][u] ?? [];
      while (ps.length > 0 && ss.length > 0) {
        const pi = ps.pop() as number;
        const si = ss.pop() as number;
        out.push({ shiftId: prep.shifts[si].src.id, personId: prep.people[pi].src.id, role: roleName[k % R] });
      }
      if (u > 0) {
        if (ps.length > 0) at(peopleAt, k, parent[u]).push(...ps);
        if (ss.length > 0) at(slotsAt, k, parent[u]).push(...ss);
      }
    }
  }
  return { assignments: out, moves, accepted, startCost, endCost: cost };
}
