/**
 * The organisation tree: committees, branches and temporary branches under the current area, bound to
 * their areas; pick one to see its details, members and enlistment link (QR code).
 */
import { Alert, Button, Card, Col, Empty, Row, Space, Switch, Tree, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { useCurrentArea } from '../../app/current-area';
import { OrgDetail } from './OrgDetail';
import { OrgFormModal } from './OrgFormModal';
import { OrgKindTag } from './labels';
import { buildOrgTree, type OrgNode } from './org-tree';
import type { Org } from '../../../domain/volunteers/api';
import { useOrgs } from './use-orgs';

interface TreeItem {
  key: number;
  title: ReactNode;
  children: TreeItem[];
}

export default function OrgsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const [includeClosed, setIncludeClosed] = useState(false);
  const { orgs, loading, error, reload } = useOrgs(area?.id, includeClosed);
  const [params, setParams] = useSearchParams();
  const selectedId = Number(params.get('org')) || undefined;
  const [adding, setAdding] = useState(false);
  const canManage = can('party.manage');

  const treeData = useMemo(() => {
    const toItem = (n: OrgNode): TreeItem => ({
      key: n.org.id,
      title: (
        <span style={{ whiteSpace: 'nowrap' }} data-testid="org-node">
          {n.org.name} <OrgKindTag kind={n.org.kind} />
          {n.org.closedAt && <Typography.Text type="secondary"> {t('volunteers.org.closed')}</Typography.Text>}
          <Typography.Text type="secondary"> · {t('volunteers.org.memberCount', { count: n.org.memberCount })}</Typography.Text>
        </span>
      ),
      children: n.children.map(toItem),
    });
    return buildOrgTree(orgs).map(toItem);
  }, [orgs, t]);
  const allKeys = useMemo(() => orgs.map((o) => o.id), [orgs]);
  const select = (id: number | undefined) => setParams(id ? { org: String(id) } : {});

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.partyOrgs')}
        </Typography.Title>
        <Space wrap>
          <Space size={4}>
            <Switch size="small" checked={includeClosed} onChange={setIncludeClosed} />
            <span>{t('volunteers.org.includeClosed')}</span>
          </Space>
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="org-create">
              {t('volunteers.org.create')}
            </Button>
          )}
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={8}>
          <Card size="small" title={t('volunteers.org.tree')} loading={loading && !orgs.length} styles={{ body: { maxHeight: '75vh', overflow: 'auto' } }}>
            {treeData.length ? (
              <Tree<TreeItem>
                blockNode
                data-testid="org-tree"
                treeData={treeData}
                expandedKeys={allKeys}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => keys.length && select(Number(keys[0]))}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('volunteers.org.empty')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={16}>
          {selectedId ? (
            <OrgDetail key={selectedId} id={selectedId} orgs={orgs} onChanged={reload} onSelect={select} />
          ) : (
            <Card size="small">
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('volunteers.org.pickOne')} />
            </Card>
          )}
        </Col>
      </Row>
      {adding && (
        <OrgFormModal
          defaultAreaId={area?.id}
          onClose={() => setAdding(false)}
          onSaved={(o: Org) => {
            setAdding(false);
            reload();
            select(o.id);
          }}
        />
      )}
    </Space>
  );
}
