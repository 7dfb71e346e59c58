import { bestFor, peopleByArea } from './greedy';
import { Loads } from './loads';
import type { Cell } from './mip';
import { type Prepared, canServe, excessCost, pathSteps, rosterCost } from './model';
import { rematchByClass } from './rematch';
import type { RosterAssignment } from './types';

/**
 * Two-step exchanges that bring people home: a slot served by someone from elsewhere goes to a person living at
 * the post, who gives up one of their own shifts away from home; that shift goes to whoever now fits it best
 * (often the person just relieved). Kept only when the total cost falls. Quick enough to run over a county in
 * a few seconds, and it finds what two-day neighbourhoods cannot: moves between days far apart.
 */

function personCost(prep: Prepared, loads: Loads, pi: number): number {
  const { policy } = prep;
  const w = policy.weights;
  return excessCost(loads.nights[pi], policy.freeNights, w.extraNight) + excessCost(loads.weekends[pi], policy.freeWeekendShifts, w.extraWeekendShift);
}

export function improveByChains(prep: Prepared, fixed: Cell[], free: Cell[], deadline: number): Cell[] {
  const w = prep.policy.weights;
  const loads = new Loads(prep);
  for (const c of [...fixed, ...free]) loads.add(c.pi, c.si);
  const byArea = peopleByArea(prep);
  const stamp = new Int32Array(prep.people.length).fill(-1);
  let mark = 0;
  const cells = free.map((c) => ({ ...c }));
  // Each person's free cells, to find what a resident could give up.
  const ofPerson = new Map<number, number[]>();
  const own = (pi: number, i: number) => {
    const list = ofPerson.get(pi);
    if (list) list.push(i);
    else ofPerson.set(pi, [i]);
  };
  for (let i = 0; i < cells.length; i++) own(cells[i].pi, i);
  const travel = (pi: number, si: number) => w.travelPerStep * pathSteps(prep.people[pi].path, prep.shifts[si].path);
  const order = cells.map((_, i) => i).filter((i) => travel(cells[i].pi, cells[i].si) > 0);
  for (const x of order) {
    if (Date.now() > deadline) break;
    const cx = cells[x];
    const o = cx.pi;
    const s = prep.shifts[cx.si];
    // Who could come instead: the people living in the post's own area. (Widening this to the town was tried:
    // ten times slower for no better result on the county bench.)
    let done = false;
    for (const r of byArea.get(s.path.join('/')) ?? []) {
      if (done) break;
      if (r === o || !canServe(prep.people[r], s, cx.role)) continue;
      // What r gives up: one of r's shifts away from home, whose freeing lets r take x. (Giving up a shift at home
      // too was tried: slower, and it ended higher on the county bench.)
      for (const y of ofPerson.get(r) ?? []) {
        const cy = cells[y];
        if (travel(r, cy.si) === 0) continue;
        const before = travel(o, cx.si) + travel(r, cy.si) + personCost(prep, loads, o) + personCost(prep, loads, r);
        loads.remove(o, cx.si);
        loads.remove(r, cy.si);
        const undo = () => {
          loads.add(o, cx.si);
          loads.add(r, cy.si);
        };
        if (loads.dayFull(r, s) || !loads.fits(r, s)) {
          undo();
          continue;
        }
        loads.add(r, cx.si);
        const q = bestFor(prep, loads, byArea, { si: cy.si, role: cy.role }, stamp, mark++);
        if (q < 0) {
          loads.remove(r, cx.si);
          undo();
          continue;
        }
        const third = q !== o && q !== r;
        const qBefore = third ? personCost(prep, loads, q) : 0;
        loads.add(q, cy.si);
        const after = travel(r, cx.si) + travel(q, cy.si) + personCost(prep, loads, o) + personCost(prep, loads, r) + (third ? personCost(prep, loads, q) : 0);
        if (after < before + qBefore - 1e-9) {
          const ry = ofPerson.get(r) ?? [];
          ry.splice(ry.indexOf(y), 1);
          const ox = ofPerson.get(o) ?? [];
          ox.splice(ox.indexOf(x), 1);
          cx.pi = r;
          cy.pi = q;
          own(r, x);
          own(q, y);
          done = true;
          break;
        }
        loads.remove(q, cy.si);
        loads.remove(r, cx.si);
        undo();
      }
    }
  }
  return cells;
}

/** Rounds of exchanges, each followed by the re-match by time class, until a round gains under 0.1 % or time is up. */
export function chainRounds(prep: Prepared, assignments: readonly RosterAssignment[], until: number): RosterAssignment[] {
  const fixedLeft = new Map<string, number>();
  const key = (a: RosterAssignment) => `${a.shiftId}\u0000${a.personId}\u0000${a.role}`;
  for (const a of prep.fixed) fixedLeft.set(key(a), (fixedLeft.get(key(a)) ?? 0) + 1);
  const fixed: Cell[] = [];
  let free: Cell[] = [];
  for (const a of assignments) {
    const si = prep.shiftIndex.get(a.shiftId);
    const pi = prep.personIndex.get(a.personId);
    if (si === undefined || pi === undefined) continue;
    const left = fixedLeft.get(key(a)) ?? 0;
    if (left > 0) {
      fixedLeft.set(key(a), left - 1);
      fixed.push({ si, role: a.role, pi });
    } else free.push({ si, role: a.role, pi });
  }
  const toAssignments = (cells: Cell[]) => cells.map((c) => ({ shiftId: prep.shifts[c.si].src.id, personId: prep.people[c.pi].src.id, role: c.role }));
  let best = [...assignments];
  let bestCost = rosterCost(prep, best).cost.total;
  while (Date.now() < until) {
    free = improveByChains(prep, fixed, free, until);
    const next = rematchByClass(prep, [...toAssignments(fixed), ...toAssignments(free)]);
    const cost = rosterCost(prep, next).cost.total;
    if (cost >= bestCost - 1e-9) break;
    const gain = bestCost - cost;
    best = next;
    bestCost = cost;
    if (gain < bestCost * 0.001) break;
    free = [];
    fixedLeft.clear();
    for (const a of prep.fixed) fixedLeft.set(key(a), (fixedLeft.get(key(a)) ?? 0) + 1);
    for (const a of best) {
      const left = fixedLeft.get(key(a)) ?? 0;
      if (left > 0) fixedLeft.set(key(a), left - 1);
      else free.push({ si: prep.shiftIndex.get(a.shiftId) as number, role: a.role, pi: prep.personIndex.get(a.personId) as number });
    }
  }
  return best;
}
