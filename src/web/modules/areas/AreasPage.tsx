/**
 * The area tree: browse (lazy), search, and — with areas.write / areas.import — add, edit, move,
 * archive and import from the national division codes. Starts at the header's current area.
 */
import { Alert, Button, Card, Col, Empty, Row, Space, Tree, Typography } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { getArea } from '../../../domain/areas/api';
import { useAreaTree } from '../../app/area-tree';
import { useAuth, useMe } from '../../app/auth';
import { KindTag } from '../../app/components/KindTag';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import type { Area } from '../../app/types';
import { AreaDetails, AreaDetailsLoading, useArchive, type AreaAction } from './AreaDetails';
import { AreaFormModal, type AreaFormTarget } from './AreaFormModal';
import { AreaSearch } from './AreaSearch';
import { ImportDivisionsWizard, type ImportResult } from './ImportDivisionsWizard';
import { MoveAreaModal } from './MoveAreaModal';

const renderTitle = (a: Area) => (
  <span style={{ whiteSpace: 'nowrap' }}>
    {a.name}
    <KindTag kind={a.kind} />
  </span>
);
const treeOptions = { renderTitle };

export default function AreasPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const { area: current, setArea: setCurrent } = useCurrentArea();
  const tree = useAreaTree(me.scope, treeOptions);
  const [selectedId, setSelectedId] = useState<number>(current?.id ?? me.scope.id);
  const [expanded, setExpanded] = useState<Key[]>([me.scope.id]);
  const [form, setForm] = useState<AreaFormTarget | null>(null);
  const [moving, setMoving] = useState<Area | null>(null);
  const [importing, setImporting] = useState(false);
  // The selected area fresh from the server (the tree's copy may lack counts); writes refetch it.
  const record = useApiQuery(getArea, { params: { id: selectedId } });
  const area = record.data ?? null;
  const error = record.error ? errorText(record.error, t) : null;
  const archive = useArchive();
  const { revealPath, loadChildren } = tree;

  /** Select an area anywhere in the scope: open every level above it in the tree. */
  const select = useCallback(
    async (id: number) => {
      setSelectedId(id);
      try {
        const chain = await revealPath(id);
        setExpanded((keys) => Array.from(new Set([...keys, ...chain.slice(0, -1)])));
      } catch {
        // The details pane reports the error (e.g. the area left the scope).
      }
    },
    [revealPath],
  );

  // Follow the header's area switcher.
  const currentId = current?.id;
  useEffect(() => {
    if (currentId) void select(currentId);
  }, [currentId, select]);

  // Children of the selected area, for the table on the right.
  useEffect(() => {
    loadChildren(selectedId).catch(() => {});
  }, [selectedId, loadChildren]);

  const onAction = (action: AreaAction) => {
    if (!area) return;
    if (action === 'add') setForm({ mode: 'create', parent: area });
    if (action === 'edit') setForm({ mode: 'edit', area, parent: area.parentId ? tree.areas[area.parentId] : undefined });
    if (action === 'move') setMoving(area);
    if (action === 'archive') {
      archive(area, () => {
        // Archiving the current area (or a place above it) moves "current" up to the parent.
        const parent = area.parentId ? tree.areas[area.parentId] : undefined;
        if (current && parent && current.path.startsWith(area.path)) setCurrent(parent);
        // The write refetched what is shown (the tree, the details) already.
        if (area.parentId) void select(area.parentId);
      });
    }
  };

  const onImported = (r: ImportResult) => {
    void select(r.root.id);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.areas')}
        </Typography.Title>
        {can('areas.import') && (
          <Button icon={<CloudDownloadOutlined />} onClick={() => setImporting(true)}>
            {t('divisions.open')}
          </Button>
        )}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={9} xl={7}>
          <Card size="small">
            <AreaSearch onPick={(a) => void select(a.id)} />
            <div style={{ marginTop: 12, maxHeight: '65vh', overflow: 'auto' }}>
              {tree.treeData.length ? (
                <Tree
                  blockNode
                  treeData={tree.treeData}
                  loadData={async (node) => {
                    await loadChildren(Number(node.key));
                  }}
                  expandedKeys={expanded}
                  onExpand={(keys) => setExpanded(keys)}
                  selectedKeys={[selectedId]}
                  onSelect={(keys) => keys.length && void select(Number(keys[0]))}
                />
              ) : (
                <Empty description={t('areas.emptyTree')} />
              )}
            </div>
          </Card>
        </Col>
        <Col xs={24} md={15} xl={17}>
          {error ? (
            <Alert type="error" showIcon title={error} />
          ) : !area ? (
            <AreaDetailsLoading />
          ) : (
            <AreaDetails
              area={area}
              children={tree.childrenOf(area.id)}
              canWrite={can('areas.write')}
              isScopeRoot={area.id === me.scope.id}
              onSelect={(a) => void select(a.id)}
              onAction={onAction}
            />
          )}
        </Col>
      </Row>
      {form && (
        <AreaFormModal
          target={form}
          onClose={() => setForm(null)}
          onSaved={(saved) => {
            setForm(null);
            if (current?.id === saved.id) setCurrent(saved);
            void select(saved.id);
          }}
        />
      )}
      {moving && (
        <MoveAreaModal
          area={moving}
          onClose={() => setMoving(null)}
          onMoved={(moved) => {
            setMoving(null);
            if (current?.id === moved.id) setCurrent(moved);
            void select(moved.id);
          }}
        />
      )}
      {importing && <ImportDivisionsWizard defaultParent={area} onClose={() => setImporting(false)} onImported={onImported} />}
    </Space>
  );
}
