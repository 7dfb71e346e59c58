/**
 * One donation: its receipt (捐赠收据, printable) and, for goods, where every donated item went — received,
 * moved between stores, issued (to a post, a household, a help request, a kit) — and what is left.
 */
import { Alert, Button, Card, Descriptions, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { getDonation } from '../../../domain/supplies/api';
import { errorText } from '../../app/errors';
import i18n from '../../app/i18n';
import { useApiQuery } from '../../app/query';
import { yuan } from './DonationsPage';

const PRINT_CSS = `
@media print {
  body * { visibility: hidden !important; }
  .donation-receipt, .donation-receipt * { visibility: visible !important; }
  .donation-receipt { position: absolute; left: 0; top: 0; width: 100%; }
  .donation-receipt .no-print { display: none !important; }
}`;

export default function DonationPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useApiQuery(getDonation, { params: { id } });
  if (q.error) return <Alert type="error" showIcon title={errorText(q.error, t)} />;
  if (!q.data) return <Card loading />;
  const { donation: d, items } = q.data;
  // The receipt is a paper for the donor: in Chinese whatever the reader's language.
  const zh = i18n.getFixedT('zh-CN');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        className="donation-receipt"
        title={zh('supplies.paper.receiptTitle', { no: d.receiptNo })}
        extra={
          <Button size="small" icon={<PrinterOutlined />} onClick={() => window.print()} className="no-print">
            {t('supplies.print')}
          </Button>
        }
      >
        <style>{PRINT_CSS}</style>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={zh('supplies.paper.donor')}>
            {d.donorName}（{zh(`supplies.donorKind.${d.donorKind}`)}）
          </Descriptions.Item>
          {d.donorPhone && <Descriptions.Item label={zh('supplies.paper.phone')}>{d.donorPhone}</Descriptions.Item>}
          {d.donorIdNumber && <Descriptions.Item label={zh('supplies.paper.idNumber')}>{d.donorIdNumber}</Descriptions.Item>}
          <Descriptions.Item label={zh('supplies.paper.content')}>
            {d.kind === 'money' ? yuan(d.amount ?? 0) : d.goods.map((g) => `${g.itemName} ${g.qty}${g.unit}`).join('、')}
          </Descriptions.Item>
          {d.contributors.length > 0 && (
            <Descriptions.Item label={zh('supplies.paper.contributors')}>
              {d.contributors.map((c) => `${c.name} ${yuan(c.amount)}`).join('；')}
            </Descriptions.Item>
          )}
          {d.restrictedUse && <Descriptions.Item label={zh('supplies.paper.restrictedUse')}>{d.restrictedUse}</Descriptions.Item>}
          {d.storeName && <Descriptions.Item label={zh('supplies.paper.store')}>{d.storeName}</Descriptions.Item>}
          <Descriptions.Item label={zh('supplies.paper.receivedOn')}>{d.receivedOn}</Descriptions.Item>
          <Descriptions.Item label={zh('supplies.paper.receiver')}>{d.areaName}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ marginTop: 12 }}>{zh('supplies.paper.thanks')}</Typography.Paragraph>
      </Card>
      {d.kind === 'goods' && (
        <Card size="small" title={t('supplies.trace')} data-testid="donation-trace">
          {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          {items.map((it) => (
            <Space key={it.itemId} orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
              <Space wrap>
                <Typography.Text strong>{it.itemName}</Typography.Text>
                <Tag>{t('supplies.traceReceived', { n: it.received, unit: it.unit })}</Tag>
                <Tag color="blue" data-testid="trace-issued">
                  {t('supplies.traceIssued', { n: it.issued, unit: it.unit })}
                </Tag>
                <Tag color="green">{t('supplies.traceOnHand', { n: it.onHand, unit: it.unit })}</Tag>
              </Space>
              <Timeline
                items={it.steps.map((s) => ({
                  content: (
                    <Typography.Text data-testid="trace-step">
                      {s.occurredOn} · {t(`supplies.kind.${s.kind}`)} · {s.storeName}
                      {s.toStoreName ? ` → ${s.toStoreName}` : ''}
                      {s.kind === 'issue' && s.source ? ` → ${t(`supplies.target.${s.source}`)}${s.targetId ? ` #${s.targetId}` : ''}` : ''} · {s.qty}
                      {it.unit}
                    </Typography.Text>
                  ),
                }))}
              />
            </Space>
          ))}
        </Card>
      )}
    </Space>
  );
}
