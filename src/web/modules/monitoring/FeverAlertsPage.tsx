/**
 * The command center's fever alert board: open alerts first (the longest waiting on top, as the server
 * orders them), then resolved ones with how, by whom and when. Refreshes itself every 30 seconds.
 */
import { Alert, App, Button, Card, Empty, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { CheckCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { listAlerts } from '../../../domain/monitoring/api';
import { useAuth } from '../../app/auth';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { SymptomTags, Temperature } from './labels';
import { ResolveModal } from './ResolveModal';
import type { FeverAlert } from './types';

type Filter = 'open' | 'resolved' | 'all';
/** The board follows new alerts by itself (paused while the tab is hidden). */
const REFRESH_MS = 30_000;

export default function FeverAlertsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { area } = useCurrentArea();
  const [params] = useSearchParams();
  const focus = Number(params.get('focus')) || null;
  const [filter, setFilter] = useState<Filter>('all');
  const [resolving, setResolving] = useState<FeverAlert | null>(null);
  const alerts = useApiQuery(listAlerts, { query: { status: filter === 'all' ? undefined : filter, under: area?.id } }, { refetchInterval: REFRESH_MS });
  const items = alerts.data?.items ?? null;
  const error = alerts.error ? errorText(alerts.error, t) : null;

  // Opened from a task: bring that alert into view once the list is there.
  const focused = useRef(false);
  useEffect(() => {
    if (!focus || !items || focused.current) return;
    focused.current = true;
    document.querySelector(`[data-alert-id="${focus}"]`)?.scrollIntoView({ block: 'center' });
  }, [focus, items]);

  const open = items?.filter((a) => a.status === 'open').length ?? 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.feverAlerts')}
        </Typography.Title>
        <Space wrap>
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={(['all', 'open', 'resolved'] as const).map((f) => ({ value: f, label: t(`monitoring.alert.filter.${f}`) }))}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void alerts.refetch()} aria-label={t('common.retry')} />
        </Space>
      </Space>
      {items && (
        <Typography.Text type={open ? 'danger' : 'secondary'} strong={open > 0} data-testid="alert-open-count">
          {t('monitoring.alert.openCount', { count: open })}
        </Typography.Text>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      {!items && !error && <Spin style={{ display: 'block', margin: '64px auto' }} />}
      {items && !items.length && <Empty description={t('monitoring.alert.none')} data-testid="no-alerts" />}
      {items?.map((a) => (
        <Card
          key={a.id}
          size="small"
          data-testid="fever-alert"
          data-alert-id={a.id}
          style={{ borderColor: a.status === 'open' ? '#cf1322' : undefined, boxShadow: a.id === focus ? '0 0 0 2px #faad14' : undefined }}
        >
          <Space wrap size={12} style={{ width: '100%', justifyContent: 'space-between' }}>
            <Space orientation="vertical" size={2}>
              <Space size={8} wrap>
                {a.status === 'open' ? <Tag color="red">{t('monitoring.alert.open')}</Tag> : <Tag color="green">{t('monitoring.alert.resolved')}</Tag>}
                {/* A door-to-door visit's alert has no measure: the person (or the household's address) is named plainly. */}
                {a.measureId ? (
                  <Link to={`/monitoring/measures/${a.measureId}`} style={{ fontSize: 16, fontWeight: 600 }} data-testid="alert-name">
                    {a.residentName}
                  </Link>
                ) : (
                  <span style={{ fontSize: 16, fontWeight: 600 }} data-testid="alert-name">
                    {a.residentName}
                  </span>
                )}
                <span data-testid="alert-temperature">
                  <Temperature value={a.temperature} />
                </span>
                <SymptomTags symptoms={a.symptoms} />
              </Space>
              <Typography.Text type="secondary">
                {a.areaName} · {t('monitoring.alert.raisedAt', { at: dayjs(a.raisedAt).format('MM-DD HH:mm') })}
              </Typography.Text>
              {a.status === 'resolved' && (
                <Typography.Text data-testid="alert-resolution">
                  {t(`monitoring.resolution.${a.resolution ?? 'other'}`)} · {a.resolvedByName ?? t('common.none')} ·{' '}
                  {a.resolvedAt ? dayjs(a.resolvedAt).format('MM-DD HH:mm') : ''}
                  {a.note && ` · ${a.note}`}
                </Typography.Text>
              )}
            </Space>
            {a.status === 'open' && can('alerts.resolve') && (
              <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setResolving(a)} data-testid="alert-resolve">
                {t('monitoring.alert.resolve')}
              </Button>
            )}
          </Space>
        </Card>
      ))}
      {resolving && (
        <ResolveModal
          alert={resolving}
          onClose={() => setResolving(null)}
          onDone={() => {
            setResolving(null);
            message.success(t('monitoring.alert.resolvedMessage'));
          }}
        />
      )}
    </Space>
  );
}
