/**
 * Recorded work and the liaison groups' notes on how people perform, newest first: one person's (on
 * their page), or everyone's under an area (on the figures page, notes only at first, each with the
 * person's name). The hours of deployments are counted elsewhere: the 30-day total and the figures.
 */
import { Alert, Card, Empty, List, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listServiceRecords, type ServiceRecord } from '../../../domain/volunteers/api';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';

export function ServiceRecordsCard({ volunteerId, under }: { volunteerId?: number; under?: number }) {
  const { t } = useTranslation();
  const [notesOnly, setNotesOnly] = useState(!volunteerId);
  const [page, setPage] = useState(1);
  const records = useApiQuery(listServiceRecords, { query: { volunteerId, under, notesOnly: notesOnly ? 'true' : undefined, page, pageSize: 10 } });
  const data = records.data;
  const error = records.error ? errorText(records.error, t) : null;

  return (
    <Card
      size="small"
      title={volunteerId ? t('volunteers.record.listTitle') : t('volunteers.record.areaTitle')}
      data-testid={volunteerId ? 'service-records' : 'liaison-notes'}
      extra={
        <Space size={6}>
          <Typography.Text type="secondary">{t('volunteers.record.notesOnly')}</Typography.Text>
          <Switch size="small" checked={notesOnly} onChange={(v) => (setNotesOnly(v), setPage(1))} />
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <List<ServiceRecord>
        size="small"
        loading={records.isPending}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('volunteers.record.empty')} /> }}
        pagination={
          data && data.total > 10 ? { current: page, pageSize: 10, total: data.total, onChange: setPage, size: 'small', showSizeChanger: false } : false
        }
        renderItem={(r) => (
          <List.Item>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={6}>
                <Typography.Text strong>{r.on}</Typography.Text>
                {!volunteerId && <Link to={`/volunteers/${r.volunteerId}`}>{r.volunteerName}</Link>}
                {r.hours > 0 && <Tag>{t('volunteers.record.hoursValue', { hours: r.hours })}</Tag>}
                {r.work && <Typography.Text>{r.work}</Typography.Text>}
                {r.liaisonGroup && <Tag color="gold">{r.liaisonGroup}</Tag>}
              </Space>
              {r.note && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.note}</Typography.Paragraph>}
              {r.recordedBy && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('volunteers.record.by', { name: r.recordedBy })}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
