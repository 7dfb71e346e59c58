/**
 * Lazy loading of the area tree, shared by the area switcher, the tree pickers and the Areas page.
 * The tree is rooted at one area (normally the user's scope), so nothing above or beside it is
 * ever fetched or shown; children are fetched the first time a node is opened.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from './api';
import type { Area } from './types';

/**
 * Every mounted tree (header switcher, pickers, the Areas page) listens here, so a change made in one
 * place (add, move, archive, import) re-reads the affected parents wherever they are already shown.
 */
const listeners = new Set<(ids: number[]) => void>();

export function notifyAreasChanged(parentIds: (number | null | undefined)[]) {
  const ids = parentIds.filter((id): id is number => typeof id === 'number');
  for (const l of listeners) l(ids);
}

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

interface State {
  areas: Record<number, Area>;
  /** Children ids per loaded parent; a missing entry means "not loaded yet". */
  children: Record<number, number[]>;
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

export function useAreaTree(root: Area | null, options: AreaTreeOptions = {}): AreaTree {
  const [state, setState] = useState<State>(() => ({ areas: root ? { [root.id]: root } : {}, children: {} }));
  const stateRef = useRef(state);
  stateRef.current = state;
  const inFlight = useRef(new Map<number, Promise<Area[]>>());

  // A new root (user switched, scope changed) starts from scratch.
  const rootId = root?.id;
  useEffect(() => {
    inFlight.current.clear();
    setState(root ? { areas: { [root.id]: root }, children: {} } : { areas: {}, children: {} });
    // Only the root's identity matters here; a re-fetched copy of the same root must not wipe the tree.
  }, [rootId]);

  const upsert = useCallback((area: Area) => {
    setState((s) => ({ ...s, areas: { ...s.areas, [area.id]: area } }));
  }, []);

  const loadChildren = useCallback(async (id: number, force = false) => {
    const s = stateRef.current;
    if (!force && s.children[id]) return s.children[id].map((c) => s.areas[c]);
    const pending = inFlight.current.get(id);
    if (pending && !force) return pending;
    const p = api.get<{ items: Area[] }>(`/api/areas/${id}/children`).then(({ items }) => {
      setState((prev) => {
        const areas = { ...prev.areas };
        for (const a of items) areas[a.id] = a;
        // Keep the parent's child count in step with what we just saw.
        if (areas[id]) areas[id] = { ...areas[id], childCount: items.length };
        return { areas, children: { ...prev.children, [id]: items.map((a) => a.id) } };
      });
      return items;
    });
    inFlight.current.set(id, p);
    try {
      return await p;
    } finally {
      inFlight.current.delete(id);
    }
  }, []);

  useEffect(() => {
    const onChange = (ids: number[]) => {
      for (const id of ids) {
        if (stateRef.current.children[id]) loadChildren(id, true).catch(() => {});
        if (stateRef.current.areas[id]) api.get<Area>(`/api/areas/${id}`).then(upsert, () => {});
      }
    };
    listeners.add(onChange);
    return () => {
      listeners.delete(onChange);
    };
  }, [loadChildren, upsert]);

  const revealPath = useCallback(
    async (id: number) => {
      const { items } = await api.get<{ items: Area[] }>(`/api/areas/${id}/ancestors`);
      const chain = items.map((a) => a.id);
      if (chain[chain.length - 1] !== id) chain.push(id);
      const start = rootId === undefined ? 0 : Math.max(0, chain.indexOf(rootId));
      for (const a of items) if (!stateRef.current.areas[a.id]) upsert(a);
      for (const parent of chain.slice(start, -1)) await loadChildren(parent);
      return chain.slice(start);
    },
    [loadChildren, rootId, upsert],
  );

  const refresh = useCallback(
    async (id: number) => {
      const area = await api.get<Area>(`/api/areas/${id}`);
      upsert(area);
      await loadChildren(id, true);
    },
    [loadChildren, upsert],
  );

  const { renderTitle, isDisabled } = options;
  const treeData = useMemo(() => {
    const build = (id: number, seen: Set<number>): AreaTreeNode | null => {
      const a = state.areas[id];
      if (!a || seen.has(id)) return null;
      seen.add(id);
      const kids = state.children[id];
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
  }, [state, rootId, renderTitle, isDisabled]);

  return {
    treeData,
    areas: state.areas,
    isLoaded: (id) => Boolean(state.children[id]),
    childrenOf: (id) => state.children[id]?.map((c) => state.areas[c]).filter(Boolean),
    loadChildren,
    revealPath,
    refresh,
    upsert,
  };
}
