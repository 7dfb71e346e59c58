/**
 * A case's exposure suggestions: people the system saw at the same place in the same window (household, building,
 * the same sampling desk in the same hour, a checkpoint near the time, a venue's check-ins), each with why. Those
 * chosen are added as contacts in one click through the usual add-contacts path (measure and task each).
 */
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { RadarChartOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { addContacts } from '../../../domain/tracing/api';
import { listExposures } from '../../../domain/tracing/api-exposures';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { LevelTag } from './labels';

type Suggestion = ResponseOf<typeof listExposures>['items'][number];
const key = (s: Suggestion, i: number) => (s.residentId ? `r${s.residentId}` : `x${i}`);

export function CaseExposures(p: { caseId: number; writable: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<React.Key[]>([]);
  const query = useApiQuery(listExposures, { params: { id: p.caseId } }, { enabled: open });
  const add = useApiMutation(addContacts);
  const items = (query.data?.items ?? []).map((s, i) => ({ ...s, key: key(s, i) }));
  const error = query.error ?? add.error;

  const addChosen = async () => {
    const picked = items.filter((s) => chosen.includes(s.key) && s.addable && s.residentId);
    const contacts = picked.map((s) => ({
      residentId: s.residentId!,
      level: s.level,
      lastExposureOn: s.lastExposureOn,
      exposureKind: s.exposureKind,
      certainty: s.certainty,
      place: s.reasons[0]?.place ?? null,
    }));
    await add.mutateAsync({ params: { id: p.caseId }, body: { contacts } }).catch(() => {});
    setChosen([]);
  };

  const columns = [
    { title: t('tracing.field.person'), key: 'name', render: (_: unknown, s: Suggestion) => <span data-testid="exposure-name">{s.name}</span> },
    { title: t('tracing.field.area'), key: 'area', render: (_: unknown, s: Suggestion) => s.areaName ?? t('common.none') },
    {
      title: t('tracing.exposures.why'),
      key: 'why',
      render: (_: unknown, s: Suggestion) => (
        <Space orientation="vertical" size={0}>
          {s.reasons.slice(0, 3).map((r, i) => (
            <Typography.Text key={i} style={{ fontSize: 12 }}>
              <Tag>{t(`tracing.exposures.source.${r.source}`)}</Tag>
              {r.place ?? t('tracing.exposures.otherArea')}
              {r.overlapMinutes !== null && ` · ${dayjs(r.from).format('MM-DD HH:mm')} · ${t('tracing.exposures.overlap', { minutes: r.overlapMinutes })}`}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    { title: t('tracing.field.level'), key: 'level', render: (_: unknown, s: Suggestion) => <LevelTag level={s.level} /> },
    { title: t('tracing.exposures.score'), dataIndex: 'score' },
  ];

  return (
    <Card
      size="small"
      title={t('tracing.exposures.title')}
      extra={
        open ? (
          p.writable && (
            <Button size="small" type="primary" disabled={!chosen.length} loading={add.isPending} onClick={() => void addChosen()} data-testid="exposures-add">
              {t('tracing.exposures.addChosen', { n: chosen.length })}
            </Button>
          )
        ) : (
          <Button size="small" icon={<RadarChartOutlined />} onClick={() => setOpen(true)} data-testid="exposures-open">
            {t('tracing.exposures.find')}
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 12 }} />}
      {open && (
        <Table
          rowKey="key"
          size="small"
          loading={query.isLoading}
          columns={columns}
          dataSource={items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          rowSelection={p.writable ? { selectedRowKeys: chosen, onChange: setChosen, getCheckboxProps: (s) => ({ disabled: !s.addable }) } : undefined}
          data-testid="exposure-table"
        />
      )}
    </Card>
  );
}
