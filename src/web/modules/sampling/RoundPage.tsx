/**
 * One testing round: its figures, open / close, its sampling points with their slot plans, home-sampling
 * tasks, and the way to the round's other screens (desk, coverage, positives, boxes, lab).
 */
import { Alert, App, Button, type ButtonProps, Card, Col, Descriptions, Empty, List, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { getRound, listPoints, listRounds, planHomeSampling, setRoundStatus } from '../../../domain/sampling/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { BackTo } from '../monitoring/BackTo';
import { PointFormModal } from './PointFormModal';
import { RoundStatusTag } from './RoundsPage';
import type { HomeSamplingAnswer, PointFull } from './round-types';

export default function RoundPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [home, setHome] = useState<HomeSamplingAnswer | null>(null);
  const canManage = can('sampling.manage');
  const roundId = Number(id);
  const roundQuery = useApiQuery(getRound, { params: { id: roundId } });
  const pointsQuery = useApiQuery(listPoints, { params: { id: roundId } });
  const changeStatus = useApiMutation(setRoundStatus, { invalidates: [getRound, listRounds] });
  const makeHomeTasks = useApiMutation(planHomeSampling, { invalidates: false });
  const round = roundQuery.data ?? null;
  const points = pointsQuery.data?.items ?? null;
  const failed = roundQuery.error ?? pointsQuery.error;
  const error = failed ? errorText(failed, t) : null;
  const load = () => Promise.all([roundQuery.refetch(), pointsQuery.refetch()]);

  const setStatus = (status: 'open' | 'closed') =>
    modal.confirm({
      title: t(`samplingRounds.confirm.${status}Title`, { name: round?.name }),
      content: t(`samplingRounds.confirm.${status}Body`),
      okText: t(`samplingRounds.${status === 'open' ? 'open' : 'close'}`),
      okButtonProps: { danger: status === 'closed', 'data-testid': 'round-status-confirm' } as ButtonProps,
      onOk: async () => {
        try {
          await changeStatus.mutateAsync({ params: { id: roundId }, body: { status } });
          message.success(t(`samplingRounds.done.${status}`));
        } catch (e) {
          // 409 ROUND_STATE: the server says in words what the round is now; reload to show it.
          message.error(errorText(e, t));
          void load();
        }
      },
    });

  const planHome = () =>
    modal.confirm({
      title: t('samplingRounds.homeTitle'),
      content: t('samplingRounds.homeBody'),
      okText: t('samplingRounds.homeGo'),
      onOk: async () => {
        try {
          setHome(await makeHomeTasks.mutateAsync({ params: { id: roundId }, body: {} }));
        } catch (e) {
          message.error(errorText(e, t));
        }
      },
    });

  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={error}
        action={
          <Button size="small" onClick={() => void load()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  if (!round || !points) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const c = round.counts ?? { tubes: 0, bindings: 0, results: 0, positives: 0 };
  const links: [string, string][] = [
    ['/sampling/desk', 'desk'],
    [`/sampling/rounds/${round.id}/coverage`, 'coverage'],
    [`/sampling/rounds/${round.id}/positives`, 'positives'],
    [`/sampling/boxes?roundId=${round.id}`, 'boxes'],
    ['/sampling/lab', 'lab'],
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1100, margin: '0 auto', display: 'flex' }}>
      <BackTo to="/sampling/rounds" />
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="round-title">
            {round.name}
          </Typography.Title>
          <RoundStatusTag status={round.status} />
        </Space>
        {canManage && (
          <Space wrap>
            {round.status === 'planned' && (
              <Button type="primary" onClick={() => setStatus('open')} data-testid="round-open">
                {t('samplingRounds.open')}
              </Button>
            )}
            {round.status === 'open' && (
              <Button danger onClick={() => setStatus('closed')} data-testid="round-close">
                {t('samplingRounds.close')}
              </Button>
            )}
          </Space>
        )}
      </Space>
      <Row gutter={[12, 12]}>
        {(['tubes', 'bindings', 'results', 'positives'] as const).map((k) => (
          <Col key={k} xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t(`samplingRounds.count.${k}`)}
                value={c[k]}
                styles={k === 'positives' && c[k] ? { content: { color: '#cf1322' } } : undefined}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('samplingRounds.field.area')}>{round.areaName}</Descriptions.Item>
          <Descriptions.Item label={t('samplingRounds.field.period')}>
            {round.startsOn} ~ {round.endsOn}
          </Descriptions.Item>
          <Descriptions.Item label={t('samplingRounds.field.rosterDate')}>{round.rosterDate}</Descriptions.Item>
          <Descriptions.Item label={t('samplingRounds.field.poolDefault')}>{t('samplingRounds.poolN', { n: round.poolDefault })}</Descriptions.Item>
          <Descriptions.Item label={t('samplingRounds.field.poolRules')}>
            {round.poolRules.length ? t('samplingRounds.rulesN', { n: round.poolRules.length }) : t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('samplingRounds.field.exemptions')}>
            {[
              t('samplingRounds.underAgeShort', { n: round.exemptionRules.underAge }),
              round.exemptionRules.elderlyAge ? t('samplingRounds.elderlyShort', { n: round.exemptionRules.elderlyAge }) : null,
              ...(['bedridden', 'away', 'other'] as const).filter((k) => round.exemptionRules[k]).map((k) => t(`samplingRounds.exempt.${k}`)),
            ]
              .filter(Boolean)
              .join('、')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('samplingRounds.screens')}>
        <Space wrap>
          {links.map(([to, key]) => (
            <Link key={key} to={to} data-testid={`round-link-${key}`}>
              <Button>{t(`samplingRounds.link.${key}`)}</Button>
            </Link>
          ))}
        </Space>
      </Card>
      <Card
        size="small"
        title={t('samplingRounds.points')}
        extra={
          canManage && (
            <Space wrap>
              <Button onClick={planHome} data-testid="home-sampling">
                {t('samplingRounds.homeGo')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="point-new">
                {t('samplingRounds.newPoint')}
              </Button>
            </Space>
          )
        }
      >
        {home && (
          <Alert
            type={home.created ? 'success' : 'info'}
            showIcon
            closable
            onClose={() => setHome(null)}
            style={{ marginBottom: 12 }}
            title={t('samplingRounds.homeCreated', { count: home.created })}
            description={
              home.items.length > 0 && (
                <List
                  size="small"
                  dataSource={home.items.slice(0, 50)}
                  renderItem={(i) => (
                    <List.Item style={{ paddingInline: 0 }}>
                      {i.name} <Tag>{t(`samplingRounds.homeReason.${i.reason}`)}</Tag>
                    </List.Item>
                  )}
                  footer={home.items.length > 50 ? t('samplingRounds.andMore', { count: home.items.length - 50 }) : undefined}
                />
              )
            }
            data-testid="home-result"
          />
        )}
        {!points.length ? (
          <Empty description={canManage ? t('samplingRounds.noPointsManage') : t('samplingRounds.noPoints')} />
        ) : (
          <Table<PointFull>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 760 }}
            dataSource={points}
            data-testid="point-table"
            columns={[
              {
                title: t('samplingRounds.point.name'),
                dataIndex: 'name',
                render: (v: string, p) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text strong>{v}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.address ?? ''}
                    </Typography.Text>
                  </Space>
                ),
              },
              { title: t('samplingRounds.point.area'), dataIndex: 'areaName' },
              { title: t('samplingRounds.point.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{t(`samplingRounds.kind.${k}`)}</Tag> },
              { title: t('samplingRounds.point.hours'), render: (_, p) => `${p.opensAt}–${p.closesAt}` },
              {
                title: t('samplingRounds.point.capacity'),
                render: (_, p) => t('samplingRounds.capacityLine', { desks: p.desks, per: p.perDeskHour, total: p.capacityPerHour }),
              },
              { title: t('samplingRounds.point.staff'), dataIndex: 'staff', render: (v: string | null) => v ?? '' },
              {
                title: t('common.actions'),
                fixed: 'right',
                render: (_, p) => (
                  <Link to={`/sampling/rounds/${round.id}/points/${p.id}/slots`} data-testid="point-slots">
                    {t('samplingRounds.slotPlan')}
                  </Link>
                ),
              },
            ]}
          />
        )}
      </Card>
      {adding && <PointFormModal round={round} onClose={() => setAdding(false)} onCreated={() => setAdding(false)} />}
    </Space>
  );
}
