import type { z } from 'zod';
import { addDays } from '../../../domain/policy/rules';
import { ACTIVE_CHAIN_DAYS, type chainEdge, type chainNode, MAX_CHAIN_NODES } from '../../../domain/tracing/api-chains';
import { chainsOf, commonPath, generationsOf } from '../../../domain/tracing/chains';
import { closerLevel, type ContactLevel } from '../../../domain/tracing/kinds';
import { maskName } from '../../../domain/sampling/rules';
import type { Db } from '../../db/engine';
import type { Ctx } from '../../platform/context';
import { badRequest, notFound, ruleViolation } from '../../platform/errors';
import { pathInScope } from '../../platform/scope';
import { areaTree } from '../areas';
import * as repo from './chains-repo';

/**
 * Transmission chains: the snapshot job joins the records into chains (`domain/tracing/chains.ts`) and keeps
 * them with their time; a screen lists them and draws one, narrowed before it is sent. One advisory lock
 * keeps two computations from writing at once (a change's job and the button).
 */
const CHAIN_LOCK = 0x7a_c4a1;

export async function computeChains(db: Db) {
  const started = Date.now();
  return db.tx(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const { cases, links } = await repo.readGraph(tx);
    const chainOf = chainsOf(
      cases.map((c) => ({ caseId: c.case_id, personId: c.person })),
      links.map((l) => ({ from: l.from_person, to: l.to_person })),
    );
    // Each person's area: their case's if they are one, else the first contact row's.
    const pathOf = new Map<number, string>();
    const casePeople = new Set<number>();
    for (const c of cases) {
      pathOf.set(c.person, c.path);
      casePeople.add(c.person);
    }
    for (const l of links) if (!pathOf.has(l.to_person)) pathOf.set(l.to_person, l.to_path);
    const figures = new Map<number, { cases: number; contacts: number; firstOn: string; lastOn: string; paths: string[] }>();
    const touch = (chainId: number, on: string) => {
      const f = figures.get(chainId) ?? { cases: 0, contacts: 0, firstOn: on, lastOn: on, paths: [] };
      if (on < f.firstOn) f.firstOn = on;
      if (on > f.lastOn) f.lastOn = on;
      figures.set(chainId, f);
      return f;
    };
    for (const c of cases) touch(chainOf.get(c.person)!, c.on);
    for (const l of links) touch(chainOf.get(l.to_person)!, l.on);
    const members = [...chainOf].map(([person, chainId]) => {
      const f = figures.get(chainId)!;
      if (casePeople.has(person)) f.cases++;
      else f.contacts++;
      f.paths.push(pathOf.get(person)!);
      return { chainId, person, path: pathOf.get(person)! };
    });
    const chains = [...figures].map(([chainId, f]) => ({
      chainId,
      cases: f.cases,
      contacts: f.contacts,
      firstOn: f.firstOn,
      lastOn: f.lastOn,
      path: commonPath(f.paths),
    }));
    const tookMs = Date.now() - started;
    await repo.writeSnapshot(tx, { members, chains, links: links.length, tookMs });
    return { computedAt: new Date().toISOString(), chains: chains.length, people: members.length, tookMs };
  });
}

async function underPath(ctx: Ctx, under?: number) {
  if (!under) return undefined;
  const area = await areaTree.findInScope(ctx.db, ctx.actor.scope, under);
  if (!area) throw badRequest('VALIDATION_FAILED', {}, { under: 'not_found' });
  return area.path;
}

export async function listChains(
  ctx: Ctx,
  p: { from?: string; to?: string; under?: number; active?: boolean; caseId?: number; limit: number; offset: number },
) {
  const snap = await repo.latestSnapshot(ctx.db);
  if (!snap) return { computedAt: null, items: [], total: 0 };
  const activeSince = addDays(ctx.today, -ACTIVE_CHAIN_DAYS);
  const { rows, total } = await repo.listChains(ctx.db, ctx.actor.scope, {
    snapshotId: snap.id,
    under: await underPath(ctx, p.under),
    from: p.from,
    to: p.to,
    activeSince: p.active ? activeSince : undefined,
    caseId: p.caseId,
    limit: p.limit,
    offset: p.offset,
  });
  return {
    computedAt: snap.computed_at,
    total,
    items: rows.map((r) => ({
      chainId: r.chain_id,
      cases: r.cases,
      contacts: r.contacts,
      firstOn: r.first_on,
      lastOn: r.last_on,
      active: r.last_on >= activeSince,
      indexName: r.index_name ? maskName(r.index_name) : null,
    })),
  };
}

type Node = z.infer<typeof chainNode>;
type Edge = z.infer<typeof chainEdge>;

/**
 * One chain: its people from the snapshot, their records live. Narrowed by a date window (links whose exposure
 * falls in it, cases whose onset does, and the people they join) and by an area (people living under it, and the
 * cases they belong to), then refused if still too large to draw.
 */
export async function getChain(ctx: Ctx, chainId: number, p: { from?: string; to?: string; under?: number }, maxNodes = MAX_CHAIN_NODES) {
  const snap = await repo.latestSnapshot(ctx.db);
  if (!snap) throw notFound();
  const members = await repo.chainMembers(ctx.db, ctx.actor.scope, snap.id, chainId);
  if (!members) throw notFound();
  const under = await underPath(ctx, p.under);
  const { cases, contacts } = await repo.chainRecords(
    ctx.db,
    members.map((m) => m.person),
  );
  const seen = (path: string) => pathInScope(ctx.actor.scope, path);
  const inWindow = (on: string) => (!p.from || on >= p.from) && (!p.to || on <= p.to);
  const inArea = (path: string) => !under || path.startsWith(under);

  const casesByPerson = new Map(cases.map((c) => [c.person, c]));
  const nodes = new Map<number, Omit<Node, 'generation'>>();
  for (const c of cases) {
    if (!inWindow(c.on) || !inArea(c.path)) continue;
    nodes.set(c.person, caseNode(c, seen(c.path)));
  }
  const edges: (Edge & { a: number; b: number })[] = [];
  for (const k of contacts) {
    if (!inWindow(k.exposed_on) || !(inArea(k.path) || inArea(casesByPerson.get(k.from_person)?.path ?? k.path))) continue;
    edges.push({
      a: k.from_person,
      b: k.person,
      from: `p${k.from_person}`,
      to: `p${k.person}`,
      level: k.level as ContactLevel,
      exposedOn: k.exposed_on,
      exposureKind: k.exposure_kind as never,
    });
    for (const person of [k.from_person, k.person]) {
      const asCase = casesByPerson.get(person);
      if (asCase && !nodes.has(person)) nodes.set(person, caseNode(asCase, seen(asCase.path)));
    }
    if (!casesByPerson.has(k.person)) {
      const prev = nodes.get(k.person);
      const inScope = seen(k.path);
      nodes.set(k.person, {
        id: `p${k.person}`,
        kind: 'contact',
        name: inScope ? maskName(k.name) : null,
        inScope,
        caseId: null,
        classification: null,
        level: prev?.level ? closerLevel(prev.level, k.level as ContactLevel) : (k.level as ContactLevel),
        placement: k.placement as never,
        on: prev && prev.on > k.exposed_on ? prev.on : k.exposed_on,
        openCaseId: prev?.openCaseId ?? (seen(casesByPerson.get(k.from_person)?.path ?? '') ? k.case_id : null),
      });
    }
  }
  // A contact met by someone outside the window: the person who met them is still drawn, or the link would hang.
  for (const e of edges) {
    if (!nodes.has(e.a)) {
      const c = casesByPerson.get(e.a);
      if (c) nodes.set(e.a, caseNode(c, seen(c.path)));
    }
  }
  const drawn = edges.filter((e) => nodes.has(e.a) && nodes.has(e.b));
  if (nodes.size > maxNodes) throw ruleViolation('TRACING_CHAIN_TOO_LARGE', { count: nodes.size, max: maxNodes });
  const named = new Set(drawn.map((e) => e.b));
  const roots = [...nodes.keys()].filter((person) => !named.has(person));
  const generation = generationsOf(
    roots,
    drawn.map((e) => ({ from: e.a, to: e.b })),
  );
  return {
    chainId,
    computedAt: snap.computed_at,
    people: members.length,
    nodes: [...nodes].map(([person, n]) => ({ ...n, generation: generation.get(person) ?? 0 })),
    edges: drawn.map(({ a: _a, b: _b, ...e }) => e),
  };
}

function caseNode(c: repo.ChainCaseRow, inScope: boolean): Omit<Node, 'generation'> {
  return {
    id: `p${c.person}`,
    kind: 'case',
    name: inScope ? maskName(c.name) : null,
    inScope,
    caseId: inScope ? c.id : null,
    classification: c.classification,
    level: null,
    placement: null,
    on: c.on,
    openCaseId: inScope ? c.id : null,
  };
}
