/** One risk zone: its level and countdown, the evidence the lifting reads, the people inside, its history. */
import { Alert, Button, Card, Descriptions, Popconfirm, Select, Space, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { getZone, liftZone, raiseZone, zonePeople } from '../../../domain/zones/api';
import type { ZoneLevelCode } from '../../../domain/zones/rules';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { localName, useLanguage } from '../../app/i18n';
import { useApiMutation, useApiQuery } from '../../app/query';
import { BackTo } from '../monitoring/BackTo';
import { LevelTag, LiftSummary, useZonePolicy } from './labels';

export default function ZonePage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const query = useApiQuery(getZone, { params: { id } });
  const [peoplePage, setPeoplePage] = useState(1);
  const people = useApiQuery(zonePeople, { params: { id }, query: { limit: 10, offset: (peoplePage - 1) * 10 } });
  const policy = useZonePolicy();
  const lift = useApiMutation(liftZone, { invalidates: [getZone] });
  const raise = useApiMutation(raiseZone, { invalidates: [getZone] });
  const [raiseTo, setRaiseTo] = useState<ZoneLevelCode | undefined>();
  const z = query.data;

  if (query.error) return <Alert type="error" showIcon title={errorText(query.error, t)} />;
  if (!z) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const manage = can('zones.manage') && z.status === 'active';
  const rank = policy.data?.levels.find((l) => l.code === z.level)?.rank ?? 0;
  const stricter = (policy.data?.levels ?? []).filter((l) => l.rank > rank);
  const mutationError = lift.error ?? raise.error;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <BackTo to="/zones" />
      <Space wrap size={8}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="zone-name">
          {z.areaName}
        </Typography.Title>
        <LevelTag level={z.level} name={z.levelName} />
        {z.areaKind === 'estate' && <Link to={`/zones/${z.id}/board`}>{t('zones.board.open')}</Link>}
      </Space>
      {mutationError && <Alert type="error" showIcon title={errorText(mutationError, t)} data-testid="zone-refusal" />}
      <Card size="small" title={t('zones.lifting')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <LiftSummary zone={z} />
          {z.lift && z.lift.blockers.length > 1 && (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {z.lift.blockers.slice(1).map((b) => (
                <li key={b.kind}>
                  <Typography.Text type="danger">{b.text}</Typography.Text>
                </li>
              ))}
            </ul>
          )}
          {manage && (
            <Space wrap>
              <Popconfirm title={t('zones.liftConfirm')} onConfirm={() => lift.mutate({ params: { id }, body: {} })}>
                <Button type="primary" loading={lift.isPending} data-testid="zone-lift">
                  {z.lift?.rule?.to ? t('zones.lower') : t('zones.lift')}
                </Button>
              </Popconfirm>
              {stricter.length > 0 && (
                <Space.Compact>
                  <Select
                    placeholder={t('zones.raiseTo')}
                    value={raiseTo}
                    onChange={setRaiseTo}
                    options={stricter.map((l) => ({ value: l.code, label: localName(l.name, lang) }))}
                    style={{ minWidth: 140 }}
                  />
                  <Button
                    disabled={!raiseTo}
                    loading={raise.isPending}
                    onClick={() => raiseTo && raise.mutate({ params: { id }, body: { level: raiseTo, fromOn: new Date().toLocaleDateString('en-CA') } })}
                  >
                    {t('zones.raise')}
                  </Button>
                </Space.Compact>
              )}
            </Space>
          )}
        </Space>
      </Card>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('zones.declaredOn')}>{z.declaredOn}</Descriptions.Item>
          <Descriptions.Item label={t('zones.levelSince')}>{z.levelSince}</Descriptions.Item>
          <Descriptions.Item label={t('zones.people')}>
            <span data-testid="zone-people">{t('zones.peopleCount', { people: z.people, households: z.households })}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('zones.newCases')}>
            {z.newCases}
            {z.lastCaseOn ? ` (${z.lastCaseOn})` : ''}
          </Descriptions.Item>
          {z.note && <Descriptions.Item label={t('zones.note')}>{z.note}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t('zones.rounds')}>
        <Table
          size="small"
          rowKey="roundId"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={z.rounds}
          columns={[
            { title: t('zones.round'), dataIndex: 'name' },
            { title: t('zones.startsOn'), dataIndex: 'startsOn' },
            { title: t('zones.sampled'), key: 's', render: (_: unknown, r) => `${r.sampled} / ${r.due}` },
            { title: t('zones.awaiting'), dataIndex: 'awaiting' },
            { title: t('zones.notNegative'), dataIndex: 'notNegative' },
          ]}
        />
      </Card>
      <Card size="small" title={t('zones.peopleInside')}>
        <Table
          size="small"
          rowKey="residentId"
          scroll={{ x: 'max-content' }}
          dataSource={people.data?.items ?? []}
          loading={people.isFetching}
          pagination={{ current: peoplePage, pageSize: 10, total: people.data?.total ?? 0, onChange: setPeoplePage, showSizeChanger: false }}
          columns={[
            { title: t('zones.person'), dataIndex: 'name' },
            { title: t('zones.idNumber'), key: 'id', render: (_: unknown, p) => p.idNumber ?? t('common.none') },
            { title: t('zones.area'), dataIndex: 'areaName' },
            { title: t('zones.address'), key: 'a', render: (_: unknown, p) => p.address ?? t('common.none') },
          ]}
        />
      </Card>
      <Card size="small" title={t('zones.history')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={z.history}
          columns={[
            { title: t('zones.fromOn'), dataIndex: 'fromOn' },
            { title: t('zones.change'), key: 'k', render: (_: unknown, h) => t(`zones.kind.${h.kind}`) },
            {
              title: t('zones.level'),
              key: 'l',
              render: (_: unknown, h) => (h.toLevel ? <LevelTag level={h.toLevel} name={policy.data?.levels.find((l) => l.code === h.toLevel)?.name} /> : '—'),
            },
            { title: t('zones.rule'), key: 'r', render: (_: unknown, h) => h.rule ?? '—' },
            { title: t('zones.by'), key: 'b', render: (_: unknown, h) => h.byName ?? '—' },
            { title: t('zones.note'), key: 'n', render: (_: unknown, h) => h.note ?? '' },
          ]}
        />
      </Card>
    </Space>
  );
}
