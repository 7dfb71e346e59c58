/** The area tree beside the resident list (desktop): lazily loaded under the user's scope, like the Areas page. */
import { Card, Empty, Tree } from 'antd';
import { useEffect, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { useAreaTree } from '../../app/area-tree';
import { useMe } from '../../app/auth';
import { KindTag } from '../../app/components/KindTag';
import type { Area } from '../../app/types';

const renderTitle = (a: Area) => (
  <span style={{ whiteSpace: 'nowrap' }}>
    {a.name}
    <KindTag kind={a.kind} />
  </span>
);
const treeOptions = { renderTitle };

export function AreaTreePanel({ selectedId, onSelect }: { selectedId: number | undefined; onSelect: (area: Area) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const tree = useAreaTree(me.scope, treeOptions);
  const [expanded, setExpanded] = useState<Key[]>([me.scope.id]);
  const { revealPath, loadChildren, areas } = tree;

  // An area chosen elsewhere (header switcher, a link) may be deep: open the levels above it.
  useEffect(() => {
    if (!selectedId) return;
    revealPath(selectedId)
      .then((chain) => setExpanded((keys) => Array.from(new Set([...keys, ...chain.slice(0, -1)]))))
      .catch(() => {});
  }, [selectedId, revealPath]);

  return (
    <Card size="small" title={t('residents.list.byArea')} styles={{ body: { maxHeight: '70vh', overflow: 'auto' } }}>
      {tree.treeData.length ? (
        <Tree
          blockNode
          data-testid="residents-area-tree"
          treeData={tree.treeData}
          loadData={async (node) => {
            await loadChildren(Number(node.key));
          }}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys)}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => {
            const a = keys.length ? areas[Number(keys[0])] : undefined;
            if (a) onSelect(a);
          }}
        />
      ) : (
        <Empty description={t('areas.emptyTree')} />
      )}
    </Card>
  );
}
