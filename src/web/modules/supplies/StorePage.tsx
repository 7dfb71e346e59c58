/**
 * One store (仓库): its stock per item with batches in issue order and days of cover, the issue form (first on a
 * phone: this is the store keeper's screen), receiving, shelf labels and the store's movements.
 */
import { Alert, Card, Collapse, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { getStore, listMovements } from '../../../domain/supplies/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/query';
import { CoverTag } from './CoverTag';
import { IssueForm } from './IssueForm';
import { MovementList } from './MovementList';
import { ReceiveForm } from './ReceiveForm';
import { ShelfLabels } from './ShelfLabels';

type Line = ResponseOf<typeof getStore>['stock'][number];

export default function StorePage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const store = useApiQuery(getStore, { params: { id } });
  const movements = useApiQuery(listMovements, { query: { storeId: id, limit: 30, offset: 0 } });
  if (store.error) return <Alert type="error" showIcon title={errorText(store.error, t)} />;
  const s = store.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="store-name">
          {s?.name ?? ''}
        </Typography.Title>
        {s && <Tag>{t(`supplies.level.${s.level}`)}</Tag>}
        {s && <Typography.Text type="secondary">{s.areaName}</Typography.Text>}
      </Space>
      <Card size="small" title={t('supplies.stock')} loading={store.isLoading}>
        <List<Line>
          dataSource={s?.stock ?? []}
          data-testid="store-stock"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supplies.noStock')} /> }}
          renderItem={(l) => (
            <List.Item data-testid="stock-line">
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={6}>
                  <Typography.Text strong>{l.itemName}</Typography.Text>
                  <Typography.Text data-testid="stock-on-hand">
                    {l.onHand} {l.unit}
                  </Typography.Text>
                  <CoverTag line={l} />
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {l.batches
                    .map((b) => `${b.lot ?? t('supplies.noLot')} ${b.qty}${l.unit}${b.expiresOn ? ` · ${t('supplies.expires')} ${b.expiresOn}` : ''}`)
                    .join('；')}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
        {s && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('supplies.policyLine', { window: s.useWindowDays, days: s.lowCoverDays })}
          </Typography.Text>
        )}
      </Card>
      {can('supplies.write') && (
        <Card size="small" title={t('supplies.issue')}>
          <IssueForm storeId={id} />
        </Card>
      )}
      {can('supplies.write') && <Collapse items={[{ key: 'r', label: t('supplies.receive'), children: <ReceiveForm storeId={id} /> }]} />}
      <Card size="small" title={t('supplies.movements')}>
        <MovementList items={movements.data?.items ?? []} loading={movements.isFetching} />
      </Card>
      {s && <ShelfLabels storeName={s.name} qrText={s.qrText} stock={s.stock} />}
    </Space>
  );
}
