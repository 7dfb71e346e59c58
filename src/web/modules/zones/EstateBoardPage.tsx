/**
 * The sealed estate's board (封控小区看板): the households and their needs (a captain records a survey from here on a
 * phone), the day's deliveries, the medical green channel against its response-time target, and problems solved
 * or handed on. A building's captain sees their building.
 */
import { Alert, Button, Card, Col, Drawer, Empty, Row, Space, Spin, Statistic, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { estateBoardRoute } from '../../../domain/zones/api-estate';
import { useAuth } from '../../app/auth';
import { ResponsiveList } from '../../app/components/ResponsiveList';
import { errorText } from '../../app/errors';
import { PhotoThumbs } from '../../app/PhotoInput';
import { useApiQuery } from '../../app/query';
import { BackTo } from '../monitoring/BackTo';
import { DeliveryForm } from './DeliveryForm';
import { NeedsForm } from './NeedsForm';

type Board = ResponseOf<typeof estateBoardRoute>;
type Household = Board['households'][number];

export default function EstateBoardPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const query = useApiQuery(estateBoardRoute, { params: { id }, query: {} });
  const [surveying, setSurveying] = useState<Household | null>(null);
  const [delivering, setDelivering] = useState<Household | null>(null);
  const b = query.data;
  if (query.error) return <Alert type="error" showIcon title={errorText(query.error, t)} />;
  if (!b) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const field = can('zones.field');

  const needsTags = (h: Household) =>
    h.needs.length ? (
      <Space wrap size={4}>
        {h.needs.map((n) => (
          <Tag key={n} color={n === 'food' ? 'default' : 'volcano'}>
            {t(`zones.need.${n}`)}
          </Tag>
        ))}
      </Space>
    ) : (
      <Typography.Text type="secondary">{h.surveyedAt ? t('zones.estate.noNeeds') : t('zones.estate.notSurveyed')}</Typography.Text>
    );
  const surveyButton = (h: Household) =>
    field && (
      <Space wrap>
        <Button size="large" onClick={() => setSurveying(h)} data-testid="needs-open">
          {t('zones.estate.survey')}
        </Button>
        <Button size="large" onClick={() => setDelivering(h)} data-testid="delivery-open">
          {t('zones.estate.deliver')}
        </Button>
      </Space>
    );
  const saved = (queued: boolean) => {
    message.success(queued ? t('zones.estate.savedOffline') : t('zones.estate.saved'));
    void query.refetch();
  };
  const card = (h: Household) => (
    <Space orientation="vertical" size={6} style={{ width: '100%' }} data-testid="household-card">
      <Typography.Text strong>{h.address ?? h.areaName}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('zones.estate.people', { count: h.people })} · {h.areaName}
        {h.deliveredToday > 0 && ` · ${t('zones.estate.delivered')}`}
      </Typography.Text>
      {needsTags(h)}
      {surveyButton(h)}
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <BackTo to={`/zones/${id}`} />
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="board-title">
        {t('nav.zoneBoard')} · {b.areaName}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('zones.estate.households')} value={b.households.length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('zones.estate.deliveredToday')} value={b.distributions.length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('zones.estate.greenWithin', { minutes: b.green.targetMinutes })}
              value={b.green.withinTarget}
              suffix={`/ ${b.green.answered}`}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" data-testid="problem-counts">
            <Statistic title={t('zones.estate.solved')} value={b.problems.solved} suffix={t('zones.estate.handedOn', { count: b.problems.handedOn })} />
          </Card>
        </Col>
      </Row>
      {b.captains.length > 0 && (
        <Card size="small" title={t('zones.estate.captains')}>
          <Space wrap>
            {b.captains.map((c) => (
              <Tag key={`${c.areaName}-${c.floor}-${c.name}`}>
                {c.areaName}
                {c.floor ? ` ${c.floor}` : ''} · {t(`zones.estate.captain.${c.kind}`)} {c.name}
              </Tag>
            ))}
          </Space>
        </Card>
      )}
      {b.needsTotals.length > 0 && (
        <Card size="small" title={t('zones.estate.needsTotals')}>
          <Space wrap>
            {b.needsTotals.map((n) => (
              <Tag key={n.need}>
                {t(`zones.need.${n.need}`)} {n.households}
              </Tag>
            ))}
          </Space>
        </Card>
      )}
      <Card size="small" title={t('zones.estate.households')}>
        <ResponsiveList<Household>
          rowKey="householdId"
          size="small"
          testId="household-list"
          renderCard={card}
          dataSource={b.households}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          columns={[
            { title: t('zones.address'), key: 'a', render: (_: unknown, h: Household) => h.address ?? h.areaName },
            { title: t('zones.estate.peopleCol'), dataIndex: 'people' },
            { title: t('zones.estate.needs'), key: 'n', render: (_: unknown, h: Household) => needsTags(h) },
            { title: t('zones.estate.appointmentOn'), key: 'ap', render: (_: unknown, h: Household) => h.appointmentOn ?? '' },
            { title: t('zones.estate.deliveredToday'), dataIndex: 'deliveredToday' },
            { title: '', key: 's', render: (_: unknown, h: Household) => surveyButton(h) },
          ]}
        />
      </Card>
      <Card size="small" title={t('zones.estate.distributions', { day: b.day })}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={b.distributions}
          columns={[
            { title: t('zones.address'), key: 'a', render: (_: unknown, x) => x.address ?? '' },
            { title: t('zones.estate.items'), dataIndex: 'items' },
            {
              title: t('zones.estate.confirmation'),
              key: 'c',
              render: (_: unknown, x) => (x.confirmation === 'photo' ? <PhotoThumbs photos={x.photos} /> : x.recipient),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('zones.estate.green', { minutes: b.green.targetMinutes })}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={b.green.items}
          columns={[
            { title: t('zones.estate.greenKind'), key: 'k', render: (_: unknown, g) => t(`zones.green.${g.kind}`) },
            { title: t('zones.address'), key: 'a', render: (_: unknown, g) => g.address ?? '' },
            { title: t('zones.estate.requestedAt'), key: 'r', render: (_: unknown, g) => new Date(g.requestedAt).toLocaleString() },
            {
              title: t('zones.estate.response'),
              key: 'm',
              render: (_: unknown, g) =>
                g.responseMinutes === null ? (
                  <Tag color="orange">{t('zones.estate.waiting')}</Tag>
                ) : (
                  <Tag color={g.withinTarget ? 'green' : 'red'}>{t('zones.estate.minutes', { count: g.responseMinutes })}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <Drawer open={surveying !== null} onClose={() => setSurveying(null)} placement="bottom" size="large" title={surveying?.address ?? ''} destroyOnHidden>
        {surveying && (
          <NeedsForm
            zoneId={id}
            household={surveying}
            onCancel={() => setSurveying(null)}
            onDone={(queued) => {
              setSurveying(null);
              saved(queued);
            }}
          />
        )}
      </Drawer>
      <Drawer open={delivering !== null} onClose={() => setDelivering(null)} placement="bottom" size="large" title={delivering?.address ?? ''} destroyOnHidden>
        {delivering && (
          <DeliveryForm
            zoneId={id}
            day={b.day}
            household={delivering}
            onCancel={() => setDelivering(null)}
            onDone={(queued) => {
              setDelivering(null);
              saved(queued);
            }}
          />
        )}
      </Drawer>
    </Space>
  );
}
