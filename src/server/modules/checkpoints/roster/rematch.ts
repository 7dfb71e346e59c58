import { type Prepared, pathSteps } from './model';
import type { RosterAssignment } from './types';

/**
 * Who stands at which post, among the people already working one time class (same start, end and kind). Swapping
 * posts between them changes no one's hours, rest, nights or weekends, only the trips; and trips are steps on
 * the area tree, where matching bottom-up (people and posts paired inside a village first, the rest inside the
 * town, then the county) gives the shortest total. So after any fill, each class is re-matched this way and
 * kept when its trips are shorter. Hand edits stay where they are.
 */

interface Open {
  pi: number;
}

interface Need {
  si: number;
  role: string;
}

function matchClass(prep: Prepared, people: Open[], needs: Need[]): RosterAssignment[] | null {
  type Bucket = { people: Open[]; needs: Need[] };
  const buckets = new Map<string, Bucket>();
  const bucket = (key: string) => {
    let b = buckets.get(key);
    if (!b) {
      b = { people: [], needs: [] };
      buckets.set(key, b);
    }
    return b;
  };
  let maxDepth = 0;
  for (const o of people) {
    const path = prep.people[o.pi].path;
    maxDepth = Math.max(maxDepth, path.length);
    bucket(path.join('/')).people.push(o);
  }
  for (const n of needs) {
    const path = prep.shifts[n.si].path;
    maxDepth = Math.max(maxDepth, path.length);
    bucket(path.join('/')).needs.push(n);
  }
  const out: RosterAssignment[] = [];
  for (let depth = maxDepth; depth >= 0; depth--) {
    for (const [key, b] of [...buckets]) {
      const parts = key === '' ? [] : key.split('/');
      if (parts.length !== depth) continue;
      // Needs of the rarest role first; each goes to the qualified person with the fewest other roles.
      b.needs.sort((x, y) => roleSupply(prep, b.people, x.role) - roleSupply(prep, b.people, y.role));
      const leftNeeds: Need[] = [];
      for (const n of b.needs) {
        let best = -1;
        for (let i = 0; i < b.people.length; i++) {
          const roles = prep.people[b.people[i].pi].roles;
          if (!roles.has(n.role)) continue;
          if (best < 0 || roles.size < prep.people[b.people[best].pi].roles.size) best = i;
        }
        if (best < 0) {
          leftNeeds.push(n);
          continue;
        }
        const o = b.people[best];
        b.people[best] = b.people[b.people.length - 1];
        b.people.pop();
        out.push({ shiftId: prep.shifts[n.si].src.id, personId: prep.people[o.pi].src.id, role: n.role });
      }
      buckets.delete(key);
      if (depth === 0) {
        if (leftNeeds.length > 0) return null;
        continue;
      }
      const up = bucket(parts.slice(0, -1).join('/'));
      up.people.push(...b.people);
      up.needs.push(...leftNeeds);
    }
  }
  return out;
}

function roleSupply(prep: Prepared, people: Open[], role: string): number {
  let n = 0;
  for (const o of people) if (prep.people[o.pi].roles.has(role)) n++;
  return n;
}

function travel(prep: Prepared, list: readonly RosterAssignment[]): number {
  let t = 0;
  for (const a of list) {
    const si = prep.shiftIndex.get(a.shiftId);
    const pi = prep.personIndex.get(a.personId);
    if (si !== undefined && pi !== undefined) t += pathSteps(prep.people[pi].path, prep.shifts[si].path);
  }
  return t;
}

export function rematchByClass(prep: Prepared, assignments: readonly RosterAssignment[]): RosterAssignment[] {
  const fixedLeft = new Map<string, number>();
  for (const a of prep.fixed)
    fixedLeft.set(`${a.shiftId}\u0000${a.personId}\u0000${a.role}`, (fixedLeft.get(`${a.shiftId}\u0000${a.personId}\u0000${a.role}`) ?? 0) + 1);
  const kept: RosterAssignment[] = [];
  const byClass = new Map<number, RosterAssignment[]>();
  for (const a of assignments) {
    const key = `${a.shiftId}\u0000${a.personId}\u0000${a.role}`;
    const si = prep.shiftIndex.get(a.shiftId);
    const left = fixedLeft.get(key) ?? 0;
    if (left > 0 || si === undefined || !prep.personIndex.has(a.personId)) {
      if (left > 0) fixedLeft.set(key, left - 1);
      kept.push(a);
      continue;
    }
    const cls = prep.shifts[si].cls;
    const list = byClass.get(cls);
    if (list) list.push(a);
    else byClass.set(cls, [a]);
  }
  for (const list of byClass.values()) {
    const people = list.map((a) => ({ pi: prep.personIndex.get(a.personId) as number }));
    const needs = list.map((a) => ({ si: prep.shiftIndex.get(a.shiftId) as number, role: a.role }));
    const matched = matchClass(prep, people, needs);
    kept.push(...(matched && travel(prep, matched) < travel(prep, list) ? matched : list));
  }
  return kept;
}
