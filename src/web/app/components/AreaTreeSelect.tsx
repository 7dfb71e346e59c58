/**
 * A picker for one area, lazily loading the tree under the user's scope (or under `root`).
 * Works as an antd Form control (value / onChange) and as the header's area switcher.
 */
import { TreeSelect } from 'antd';
import { useCallback, useEffect, useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useAreaTree } from '../area-tree';
import { useAuth } from '../auth';
import type { Area } from '../types';
import { KindTag } from './KindTag';

export interface AreaTreeSelectProps {
  value?: number | null;
  onChange?: (id: number | null, area: Area | null) => void;
  /** Defaults to the signed-in user's scope; the picker never shows anything outside it. */
  root?: Area;
  /** Areas that cannot be picked, e.g. a subtree being moved (it cannot go under itself). */
  isDisabled?: (area: Area) => boolean;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  /** 'large' on a phone form: a bigger target for a thumb. */
  size?: 'large' | 'middle' | 'small';
  popupMatchSelectWidth?: boolean | number;
  'data-testid'?: string;
  id?: string;
}

const renderTitle = (a: Area) => (
  <span style={{ whiteSpace: 'nowrap' }}>
    {a.name}
    <KindTag kind={a.kind} />
  </span>
);

export function AreaTreeSelect(props: AreaTreeSelectProps) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const root = props.root ?? user?.scope ?? null;
  const options = useMemo(() => ({ renderTitle, isDisabled: props.isDisabled }), [props.isDisabled]);
  const tree = useAreaTree(root, options);
  const { value } = props;
  const known = value != null && Boolean(tree.areas[value]);
  const { revealPath } = tree;

  // A value chosen elsewhere (stored current area, a user's scope) may lie deep in the tree:
  // load the levels above it so the picker can show its name.
  useEffect(() => {
    if (value != null && !known) revealPath(value).catch(() => {});
  }, [value, known, revealPath]);

  const { loadChildren, areas } = tree;
  const loadData = useCallback(
    async (node: { value?: unknown }) => {
      await loadChildren(Number(node.value));
    },
    [loadChildren],
  );

  return (
    <TreeSelect<number>
      id={props.id}
      data-testid={props['data-testid']}
      value={value ?? undefined}
      treeData={tree.treeData}
      loadData={loadData}
      treeNodeLabelProp="label"
      treeNodeFilterProp="label"
      showSearch
      allowClear={props.allowClear}
      disabled={props.disabled}
      placeholder={props.placeholder ?? t('area.pick')}
      style={props.style}
      size={props.size}
      popupMatchSelectWidth={props.popupMatchSelectWidth ?? false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)', minWidth: 220 } } }}
      treeDefaultExpandedKeys={root ? [root.id] : []}
      notFoundContent={t('common.empty')}
      onChange={(id) => {
        const picked = id == null ? null : Number(id);
        props.onChange?.(picked, picked == null ? null : (areas[picked] ?? null));
      }}
    />
  );
}
