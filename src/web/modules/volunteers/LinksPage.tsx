/**
 * The link editor by building (member–household links): pick a building (or any area), see each household and who looks
 * after it, link picked households to a member or unlink them, share all the building's households
 * evenly among chosen members in one action, set the building and floor captains, and link cadres to
 * village groups.
 */
import { Alert, App, Button, Card, Col, Empty, Row, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { CaptainsCard } from './CaptainsCard';
import { GroupLinksCard } from './GroupLinksCard';
import { SplitCard } from './SplitCard';
import { listHouseholds } from '../../../domain/residents/api';
import { linkHouseholds, listHouseholdLinks, unlinkHouseholds } from '../../../domain/volunteers/api';
import { VolunteerSelect } from './VolunteerSelect';

const PAGE_SIZE = 50;

export default function LinksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { area: current } = useCurrentArea();
  const [areaId, setAreaId] = useState<number | undefined>(current?.id);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const [member, setMember] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const canWrite = can('volunteers.write');
  const canResidents = can('residents.read');

  useEffect(() => {
    if (areaId === undefined && current) setAreaId(current.id);
  }, [current, areaId]);

  const householdsQuery = useApiQuery(listHouseholds, { query: { under: areaId, page, pageSize: PAGE_SIZE } }, { enabled: !!areaId && canResidents });
  const linksQuery = useApiQuery(listHouseholdLinks, { query: { under: areaId } }, { enabled: !!areaId });
  const link = useApiMutation(linkHouseholds);
  const unlink = useApiMutation(unlinkHouseholds);
  const households = householdsQuery.data ?? { items: [], total: 0 };
  const links = useMemo(() => linksQuery.data?.items ?? [], [linksQuery.data]);
  const loading = householdsQuery.isFetching || linksQuery.isFetching;
  const failed = householdsQuery.error ?? linksQuery.error;
  const error = failed ? errorText(failed, t) : null;
  // Writes through the contracts refresh the links; the split card says so here too.
  const reload = () => {
    void linksQuery.refetch();
    if (canResidents) void householdsQuery.refetch();
  };
  const byHousehold = useMemo(() => {
    const m = new Map<number, typeof links>();
    for (const l of links) m.set(l.householdId, [...(m.get(l.householdId) ?? []), l]);
    return m;
  }, [links]);
  const perMember = useMemo(() => new Set(links.map((l) => l.volunteerId)).size, [links]);

  const change = async (kind: 'link' | 'unlink', volunteerId: number, householdIds: number[]) => {
    setBusy(true);
    try {
      await (kind === 'link' ? link : unlink).mutateAsync({ body: { volunteerId, householdIds } });
      message.success(t('common.saved'));
      setSelected([]);
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  // Without the registry's read permission the households come from the links alone.
  const rows: { id: number; address: string; headName: string | null }[] = canResidents
    ? households.items.map((h) => ({ id: h.id, address: h.address, headName: h.headName }))
    : Array.from(byHousehold.values()).map((ls) => ({ id: ls[0].householdId, address: ls[0].address, headName: null }));

  const columns = [
    {
      title: t('volunteers.links.household'),
      key: 'address',
      render: (_: unknown, h: (typeof rows)[number]) => (
        <Space orientation="vertical" size={0}>
          {canResidents ? <Link to={`/residents/households/${h.id}`}>{h.address}</Link> : h.address}
          {h.headName && <Typography.Text type="secondary">{h.headName}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('volunteers.links.lookedAfterBy'),
      key: 'who',
      render: (_: unknown, h: (typeof rows)[number]) => {
        const ls = byHousehold.get(h.id) ?? [];
        if (!ls.length) return <Typography.Text type="warning">{t('volunteers.links.nobody')}</Typography.Text>;
        return (
          <Space size={[4, 4]} wrap>
            {ls.map((l) => (
              <Tag
                key={l.volunteerId}
                color="red"
                closable={canWrite}
                onClose={(e) => {
                  e.preventDefault();
                  void change('unlink', l.volunteerId, [h.id]);
                }}
                data-testid="link-tag"
              >
                {l.volunteerName}
              </Tag>
            ))}
          </Space>
        );
      },
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.householdLinks')}
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <span>{t('volunteers.links.building')}</span>
          <AreaTreeSelect
            value={areaId}
            onChange={(id) => (setAreaId(id ?? undefined), setPage(1), setSelected([]))}
            style={{ minWidth: 240, maxWidth: '100%' }}
            data-testid="links-area"
          />
          <Typography.Text type="secondary" data-testid="links-summary">
            {t('volunteers.links.summary', { linked: byHousehold.size, members: perMember })}
          </Typography.Text>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('volunteers.links.households')}>
            {canWrite && (
              <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <VolunteerSelect
                    value={member}
                    onChange={(v) => setMember(typeof v === 'number' ? v : null)}
                    placeholder={t('volunteers.links.pickMember')}
                  />
                </div>
                <Button type="primary" disabled={!member || !selected.length} loading={busy} onClick={() => member && void change('link', member, selected)}>
                  {t('volunteers.links.linkSelected', { count: selected.length })}
                </Button>
              </Space.Compact>
            )}
            <Table
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={rows}
              loading={loading}
              data-testid="links-table"
              rowSelection={canWrite ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) } : undefined}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={areaId ? t('volunteers.links.noHouseholds') : t('volunteers.links.pickBuilding')} />
                ),
              }}
              pagination={
                canResidents
                  ? {
                      current: page,
                      pageSize: PAGE_SIZE,
                      total: households.total,
                      showSizeChanger: false,
                      onChange: setPage,
                      showTotal: (total) => t('common.total', { count: total }),
                    }
                  : { pageSize: PAGE_SIZE, showSizeChanger: false }
              }
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {canWrite && areaId && <SplitCard areaId={areaId} onDone={reload} />}
            {areaId && <CaptainsCard areaId={areaId} canWrite={canWrite} />}
            {areaId && <GroupLinksCard areaId={areaId} canWrite={canWrite} />}
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
