/**
 * 我的代办 on a deliverer's phone: what to bring where (the address; the name and phone masked), the deadline,
 * and the proof at the door — a photo, or the code the recipient reads out — with any cash advanced for the
 * purchase (垫付) and its receipt's photo, so the office pays it back.
 */
import { Alert, Button, Card, Collapse, Empty, Input, InputNumber, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deliverHelp, myDeliveries } from '../../../domain/help/api';
import type { ResponseOf } from '../../../domain/contract';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { PhotoInput } from '../../app/PhotoInput';

type Item = ResponseOf<typeof myDeliveries>['items'][number];

function DeliveryCard({ d }: { d: Item }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [photos, setPhotos] = useState<number[]>([]);
  const [advance, setAdvance] = useState<number | null>(null);
  const [receipts, setReceipts] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const deliver = useApiMutation(deliverHelp);
  const send = async () => {
    setError(null);
    try {
      await deliver.mutateAsync({
        params: { id: d.id },
        body: {
          code: code.trim() || null,
          photoIds: photos.length ? photos : null,
          advanceYuan: advance || null,
          receiptPhotoIds: receipts.length ? receipts : null,
        },
      });
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  return (
    <Card size="small" data-testid="help-delivery" style={{ width: '100%' }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{d.need}</Typography.Text>
          {d.overdue && <Tag color="red">{t('help.overdue')}</Tag>}
        </Space>
        <Typography.Text>{d.address ?? d.areaName}</Typography.Text>
        <Typography.Text type="secondary">
          {d.name ?? ''} {d.phone ?? ''} · {t('help.field.dueAt')} {new Date(d.dueAt).toLocaleString()}
        </Typography.Text>
        {error && <Alert type="error" showIcon title={error} />}
        {/* Proof: a photo at the door, or the code the recipient reads out. */}
        <PhotoInput value={photos} onChange={setPhotos} max={3} />
        <Collapse
          ghost
          size="small"
          items={[
            {
              key: 'advance',
              label: t('help.advance.toggle'),
              children: (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <InputNumber
                    min={0.01}
                    max={100000}
                    precision={2}
                    value={advance}
                    onChange={(v) => setAdvance(v)}
                    prefix="¥"
                    style={{ width: '100%' }}
                    placeholder={t('help.advance.amount')}
                    data-testid="help-advance"
                  />
                  <Typography.Text type="secondary">{t('help.advance.receipt')}</Typography.Text>
                  <PhotoInput value={receipts} onChange={setReceipts} max={5} />
                </Space>
              ),
            },
          ]}
        />
        <Space.Compact style={{ width: '100%' }}>
          <Input
            inputMode="numeric"
            maxLength={4}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder={t('help.codePlaceholder')}
            data-testid="help-delivery-code"
          />
          <Button type="primary" loading={deliver.isPending} onClick={() => void send()} data-testid="help-delivered">
            {t('help.delivered')}
          </Button>
        </Space.Compact>
      </Space>
    </Card>
  );
}

export default function MyDeliveriesPage() {
  const { t } = useTranslation();
  const q = useApiQuery(myDeliveries);
  return (
    <Card title={t('nav.helpMine')} size="small">
      {q.data && !q.data.items.length ? (
        <Empty description={t('help.noDeliveries')} />
      ) : (
        <List
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          renderItem={(d) => (
            <List.Item key={d.id}>
              <DeliveryCard d={d} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
