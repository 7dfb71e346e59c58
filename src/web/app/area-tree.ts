/**
 * Lazy loading of the area tree, shared by the area switcher, the tree pickers and the Areas page.
 * The tree is rooted at one area (normally the user's scope), so nothing above or beside it is
 * ever fetched or shown; children are fetched the first time a node is opened. Answers are kept in the
 * query cache (query.ts), so every tree on screen (header switcher, pickers, the Areas page) shows the
 * same copy, and a write that invalidates the cache re-reads what each one shows.
 */
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import * as areasApi from '../../domain/areas/api';
import type { Area as AreaAnswer } from '../../domain/areas/api';
import { callApi, queryKeyOf } from './query';
import type { Area } from './types';

const NOTHING_OPENED = { parents: [] as number[], pinned: [] as number[] };

export interface AreaTreeNode {
  key: number;
  value: number;
  /** Plain text, used as the selected label and for filtering in pickers. */
  label: string;
  title: ReactNode;
  isLeaf: boolean;
  disabled?: boolean;
  children?: AreaTreeNode[];
}

export interface AreaTree {
  treeData: AreaTreeNode[];
  areas: Record<number, Area>;
  isLoaded(id: number): boolean;
  /** Loaded children of `id`, or undefined when not loaded yet. */
  childrenOf(id: number): Area[] | undefined;
  loadChildren(id: number, force?: boolean): Promise<Area[]>;
  /** Loads every level between the root and `id`; returns the ancestor ids (root first, `id` last). */
  revealPath(id: number): Promise<number[]>;
  /** Re-reads an area and its children after a change (add, edit, move, archive). */
  refresh(id: number): Promise<void>;
  upsert(area: Area): void;
}

export interface AreaTreeOptions {
  renderTitle?: (area: Area) => ReactNode;
  isDisabled?: (area: Area) => boolean;
}

/** Only the answers: a stable function, so the combined list keeps its identity until an answer changes. */
const answers = <T>(results: { data?: T }[]) => results.map((r) => r.data);
const childrenInput = (id: number) => ({ params: { id } });
const areaInput = (id: number) => ({ params: { id } });

export function useAreaTree(root: Area | null, options: AreaTreeOptions = {}): AreaTree {
  const client = useQueryClient();
  const rootId = root?.id;
  // Parents whose children this tree has asked for, and areas re-read on their own (refresh, upsert), per
  // root: a new root (user switched, scope changed) starts from scratch. The answers live in the query
  // cache, shared by every tree on screen, so a write anywhere (which invalidates the cache) refreshes all.
  const [openedByRoot, setOpenedByRoot] = useState<Record<number, { parents: number[]; pinned: number[] }>>({});
  const opened = (rootId !== undefined && openedByRoot[rootId]) || NOTHING_OPENED;

  const open = useCallback(
    (kind: 'parents' | 'pinned', id: number) => {
      if (rootId === undefined) return;
      setOpenedByRoot((all) => {
        const mine = all[rootId] ?? NOTHING_OPENED;
        return mine[kind].includes(id) ? all : { ...all, [rootId]: { ...mine, [kind]: [...mine[kind], id] } };
      });
    },
    [rootId],
  );

  const childLists = useQueries({
    queries: opened.parents.map((id) => ({
      queryKey: queryKeyOf(areasApi.listChildren, childrenInput(id)),
      queryFn: () => callApi(areasApi.listChildren, childrenInput(id)),
    })),
    combine: answers,
  });
  const pinnedAreas = useQueries({
    queries: opened.pinned.map((id) => ({
      queryKey: queryKeyOf(areasApi.getArea, areaInput(id)),
      queryFn: () => callApi(areasApi.getArea, areaInput(id)),
    })),
    combine: answers,
  });

  const { areas, children } = useMemo(() => {
    const areas: Record<number, Area> = root ? { [root.id]: root } : {};
    const children: Record<number, number[]> = {};
    opened.parents.forEach((id, i) => {
      const items = childLists[i]?.items;
      if (!items) return;
      for (const a of items) areas[a.id] = a;
      children[id] = items.map((a) => a.id);
    });
    opened.pinned.forEach((_, i) => {
      const a = pinnedAreas[i];
      if (a) areas[a.id] = a;
    });
    // Keep a parent's child count in step with the children just seen.
    for (const [id, kids] of Object.entries(children)) if (areas[Number(id)]) areas[Number(id)] = { ...areas[Number(id)], childCount: kids.length };
    return { areas, children };
  }, [root, opened, childLists, pinnedAreas]);

  const loadChildren = useCallback(
    async (id: number, force = false) => {
      open('parents', id);
      const query = { queryKey: queryKeyOf(areasApi.listChildren, childrenInput(id)), queryFn: () => callApi(areasApi.listChildren, childrenInput(id)) };
      const { items } = force ? await client.fetchQuery({ ...query, staleTime: 0 }) : await client.ensureQueryData(query);
      return items;
    },
    [client, open],
  );

  const upsert = useCallback(
    (area: Area) => {
      if (area.childCount !== undefined) client.setQueryData(queryKeyOf(areasApi.getArea, areaInput(area.id)), area as AreaAnswer);
      open('pinned', area.id);
    },
    [client, open],
  );

  const revealPath = useCallback(
    async (id: number) => {
      const input = areaInput(id);
      const { items } = await client.fetchQuery({
        queryKey: queryKeyOf(areasApi.listAncestors, input),
        queryFn: () => callApi(areasApi.listAncestors, input),
      });
      const chain = items.map((a) => a.id);
      if (chain[chain.length - 1] !== id) chain.push(id);
      const start = rootId === undefined ? 0 : Math.max(0, chain.indexOf(rootId));
      for (const parent of chain.slice(start, -1)) await loadChildren(parent);
      return chain.slice(start);
    },
    [client, loadChildren, rootId],
  );

  const refresh = useCallback(
    async (id: number) => {
      const input = areaInput(id);
      upsert(await client.fetchQuery({ queryKey: queryKeyOf(areasApi.getArea, input), queryFn: () => callApi(areasApi.getArea, input), staleTime: 0 }));
      await loadChildren(id, true);
    },
    [client, loadChildren, upsert],
  );

  const { renderTitle, isDisabled } = options;
  const treeData = useMemo(() => {
    const build = (id: number, seen: Set<number>): AreaTreeNode | null => {
      const a = areas[id];
      if (!a || seen.has(id)) return null;
      seen.add(id);
      const kids = children[id];
      const node: AreaTreeNode = {
        key: a.id,
        value: a.id,
        label: a.name,
        title: renderTitle ? renderTitle(a) : a.name,
        // Unknown child count (the scope from /auth/me): assume there may be children.
        isLeaf: kids ? kids.length === 0 : a.childCount === 0,
        disabled: isDisabled?.(a),
      };
      if (kids?.length) node.children = kids.map((k) => build(k, seen)).filter((n): n is AreaTreeNode => n !== null);
      return node;
    };
    if (rootId === undefined) return [];
    const top = build(rootId, new Set());
    return top ? [top] : [];
  }, [areas, children, rootId, renderTitle, isDisabled]);

  return {
    treeData,
    areas,
    isLoaded: (id) => Boolean(children[id]),
    childrenOf: (id) => children[id]?.map((c) => areas[c]).filter(Boolean),
    loadChildren,
    revealPath,
    refresh,
    upsert,
  };
}
