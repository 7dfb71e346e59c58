/** Movements as short cards: what kind, from where to where or to whom, the lines with their batches. */
import { Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import type { listMovements } from '../../../domain/supplies/api';

type Movement = ResponseOf<typeof listMovements>['items'][number];
const COLOUR = { receipt: 'green', issue: 'blue', transfer: 'purple', count: 'orange' } as const;

export function MovementList({ items, loading }: { items: Movement[]; loading?: boolean }) {
  const { t } = useTranslation();
  return (
    <List<Movement>
      loading={loading}
      dataSource={items}
      data-testid="movement-list"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supplies.noMovements')} /> }}
      renderItem={(m) => {
        const out = m.lines.filter((l) => (m.kind === 'transfer' ? l.storeId === m.storeId : true));
        return (
          <List.Item>
            <Space orientation="vertical" size={2}>
              <Space wrap size={6}>
                <Tag color={COLOUR[m.kind]}>{t(`supplies.kind.${m.kind}`)}</Tag>
                {m.source && <Typography.Text>{t(`supplies.sourceOf.${m.source}`)}</Typography.Text>}
                {m.targetId && <Typography.Text type="secondary">#{m.targetId}</Typography.Text>}
                {m.toStoreName && <Typography.Text>→ {m.toStoreName}</Typography.Text>}
                <Typography.Text type="secondary">{m.occurredOn}</Typography.Text>
              </Space>
              <Typography.Text style={{ fontSize: 13 }}>
                {out.map((l) => `${l.itemName} ${Math.abs(l.qty)}${l.unit}${l.lot ? `（${l.lot}）` : ''}`).join('、')}
              </Typography.Text>
              {(m.reason || m.note) && <Typography.Text type="secondary">{m.reason ?? m.note}</Typography.Text>}
            </Space>
          </List.Item>
        );
      }}
    />
  );
}
