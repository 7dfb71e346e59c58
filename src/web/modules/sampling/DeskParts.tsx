/** The desk's pieces that only show what the page holds: the pickers, the tube with its people, the queue, the last scan. */
import { Alert, Button, Card, List, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QueuedBinding } from './useBindingQueue';
import type { DeskChoice, Point, Round, Tube } from './types';

export function DeskPickers(p: { choice: DeskChoice; rounds: Round[]; points: Point[]; onPick: (c: DeskChoice) => void }) {
  const { t } = useTranslation();
  const { choice } = p;
  const point = p.points.find((x) => x.id === choice.pointId);
  return (
    <Space wrap style={{ width: '100%' }}>
      <Select
        data-testid="desk-round"
        size="large"
        style={{ minWidth: 200 }}
        placeholder={t('sampling.desk.round')}
        value={choice.roundId}
        options={p.rounds.map((r) => ({ value: r.id, label: r.name }))}
        onChange={(roundId: number) => p.onPick({ roundId })}
      />
      <Select
        data-testid="desk-point"
        size="large"
        style={{ minWidth: 160 }}
        placeholder={t('sampling.desk.point')}
        value={choice.pointId}
        options={p.points.map((x) => ({ value: x.id, label: x.name }))}
        onChange={(pointId: number) => p.onPick({ roundId: choice.roundId, pointId, desk: 1 })}
      />
      <Select
        data-testid="desk-desk"
        size="large"
        style={{ minWidth: 110 }}
        placeholder={t('sampling.desk.desk')}
        value={choice.desk}
        options={Array.from({ length: point?.desks ?? 1 }, (_, i) => ({ value: i + 1, label: t('sampling.desk.deskN', { n: i + 1 }) }))}
        onChange={(desk: number) => p.onPick({ ...choice, desk })}
      />
    </Space>
  );
}

export function DeskTubeCard(p: { tube: Tube | null; names: Record<number, string>; onRemove: (bindingId: number) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { tube } = p;
  const live = (tube?.members ?? []).filter((m) => !m.removed);
  return (
    <Card
      size="small"
      title={
        tube ? (
          <span data-testid="desk-tube">
            {t('sampling.desk.tube', { barcode: tube.barcode })} <span data-testid="desk-tube-count">{`${tube.bound} / ${tube.capacity}`}</span>{' '}
            {tube.status !== 'open' && <Tag>{t(`sampling.desk.status.${tube.status}`)}</Tag>}
          </span>
        ) : (
          t('sampling.desk.noTube')
        )
      }
      extra={
        tube?.status === 'open' && tube.bound > 0 ? (
          <Button data-testid="desk-close" onClick={p.onClose}>
            {t('sampling.desk.close')}
          </Button>
        ) : null
      }
    >
      <List
        size="small"
        dataSource={live}
        locale={{ emptyText: t('sampling.desk.empty') }}
        renderItem={(m) => (
          <List.Item
            data-testid="desk-member"
            actions={
              tube?.status === 'boxed'
                ? []
                : [
                    <Button key="r" size="small" danger data-testid="desk-remove" onClick={() => p.onRemove(m.bindingId)}>
                      {t('sampling.desk.remove')}
                    </Button>,
                  ]
            }
          >
            <span style={{ fontSize: 18 }}>
              {t('sampling.desk.seq', { n: m.seq })} {p.names[m.bindingId] ?? m.name} <Typography.Text type="secondary">{m.idNumber}</Typography.Text>
            </span>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function DeskPending({ pending }: { pending: readonly QueuedBinding[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={<span data-testid="desk-pending">{t('sampling.desk.pending', { count: pending.length })}</span>}>
      {pending.length > 0 && (
        <List
          size="small"
          dataSource={[...pending]}
          renderItem={(p) => (
            <List.Item data-testid="desk-pending-item">
              {p.scan} <Typography.Text type="secondary">{t('sampling.desk.tube', { barcode: p.barcode })}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export interface Warning {
  key: string;
  text: string;
}

/** The warnings of the last scans (a person twice, a smaller pool due) and the last person bound with their 第N人. */
export function DeskFeedback(p: { warnings: Warning[]; onDismiss: (key: string) => void; last: { name: string; seq: number } | null }) {
  const { t } = useTranslation();
  return (
    <>
      {p.warnings.map((w) => (
        <Alert key={w.key} data-testid="desk-warning" type="warning" showIcon message={w.text} closable onClose={() => p.onDismiss(w.key)} />
      ))}
      {p.last && (
        <Card size="small" data-testid="desk-last">
          <Typography.Text style={{ fontSize: 28, fontWeight: 600 }}>{p.last.name}</Typography.Text>{' '}
          <Tag color="blue" style={{ fontSize: 20, padding: '4px 8px' }}>
            {t('sampling.desk.seq', { n: p.last.seq })}
          </Tag>
        </Card>
      )}
    </>
  );
}
