/**
 * Transmission chains (传播链): people joined by the tracing records — a case to each of its contacts, a
 * secondary contact to the contact they met — fall into connected groups, each one chain. A contact who later
 * becomes a case is one person, so two cases' chains meet through them. Pure, so the server's snapshot job and
 * the tests share it.
 */

/** One link of the records: `from` met `to` (both resident ids). */
export interface ChainLink {
  from: number;
  to: number;
}

/**
 * Each person's chain, named by the smallest case id in it (stable while the chain only grows: a recomputation
 * keeps the same number unless two chains meet, when the older case's number wins).
 */
export function chainsOf(cases: readonly { caseId: number; personId: number }[], links: readonly ChainLink[]): Map<number, number> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root)! !== root) root = parent.get(root)!;
    // Path halving keeps later finds short on long chains.
    let node = x;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const add = (x: number) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  for (const c of cases) add(c.personId);
  for (const l of links) {
    add(l.from);
    add(l.to);
    const a = find(l.from);
    const b = find(l.to);
    if (a !== b) parent.set(a, b);
  }
  const smallestCase = new Map<number, number>();
  for (const c of cases) {
    const root = find(c.personId);
    const seen = smallestCase.get(root);
    if (seen === undefined || c.caseId < seen) smallestCase.set(root, c.caseId);
  }
  const out = new Map<number, number>();
  for (const person of parent.keys()) {
    const chain = smallestCase.get(find(person));
    // A link always starts at a case or at one of its contacts, so every group holds a case.
    if (chain !== undefined) out.set(person, chain);
  }
  return out;
}

/** The longest path prefix all members' area paths share (`/1/5/` of `/1/5/9/` and `/1/5/12/`): the chain's area. */
export function commonPath(paths: readonly string[]): string {
  if (!paths.length) return '/';
  let prefix = paths[0];
  for (const p of paths) {
    while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
  }
  return prefix || '/';
}

/**
 * How far each person is from the chain's first cases (generation 0: cases nobody in the chain named as a
 * contact), for the hierarchical drawing and the timeline's rows. Breadth first over the links.
 */
export function generationsOf(roots: readonly number[], links: readonly ChainLink[]): Map<number, number> {
  const next = new Map<number, number[]>();
  for (const l of links) next.set(l.from, [...(next.get(l.from) ?? []), l.to]);
  const gen = new Map<number, number>(roots.map((r) => [r, 0]));
  const queue = [...roots];
  for (let i = 0; i < queue.length; i++) {
    const x = queue[i];
    for (const y of next.get(x) ?? []) {
      if (!gen.has(y)) {
        gen.set(y, gen.get(x)! + 1);
        queue.push(y);
      }
    }
  }
  return gen;
}
