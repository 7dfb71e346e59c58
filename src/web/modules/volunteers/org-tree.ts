/** Builds the organisation tree from the flat list (parents first; an org whose parent is not visible is a root). */
import type { Org } from '../../../domain/volunteers/api';

export interface OrgNode {
  org: Org;
  children: OrgNode[];
}

const KIND_ORDER = { committee: 0, branch: 1, temporary_branch: 2 } as const;

export function buildOrgTree(orgs: Org[]): OrgNode[] {
  const nodes = new Map<number, OrgNode>(orgs.map((o) => [o.id, { org: o, children: [] }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId != null ? nodes.get(node.org.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrgNode[]) => {
    list.sort((a, b) => KIND_ORDER[a.org.kind] - KIND_ORDER[b.org.kind] || a.org.name.localeCompare(b.org.name, 'zh-CN'));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The ids of an organisation and everything below it: where it cannot be moved to. */
export function subtreeIds(orgs: Org[], id: number): Set<number> {
  const out = new Set([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of orgs) if (o.parentId != null && out.has(o.parentId) && !out.has(o.id)) out.add(o.id), (grew = true);
  }
  return out;
}

/** Committees another organisation may be moved under: open ones, not itself or below it. */
export function moveTargets(orgs: Org[], id: number): Org[] {
  const below = subtreeIds(orgs, id);
  return orgs.filter((o) => o.kind === 'committee' && !o.closedAt && !below.has(o.id));
}
