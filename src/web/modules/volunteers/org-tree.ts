/** Builds the organisation tree from the flat list (parents first; an org whose parent is not visible is a root). */
import type { Org } from './types';

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
