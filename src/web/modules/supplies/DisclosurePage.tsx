/**
 * The public disclosure of donations (捐赠公示), printable and in Chinese whatever the reader's language: it is
 * posted on a notice board. Names as the donor chose (爱心人士 otherwise); no phone or ID number ever.
 */
import { Alert, Button, DatePicker, Space, Table, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { disclosure } from '../../../domain/supplies/api';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import i18n from '../../app/i18n';
import { useApiQuery } from '../../app/query';
import { yuan } from './DonationsPage';

type Row = ResponseOf<typeof disclosure>['rows'][number];
const PRINT_CSS = `
@media print {
  body * { visibility: hidden !important; }
  .disclosure-print, .disclosure-print * { visibility: visible !important; }
  .disclosure-print { position: absolute; left: 0; top: 0; width: 100%; }
  .disclosure-print .no-print { display: none !important; }
}`;

export default function DisclosurePage() {
  const { t } = useTranslation();
  const { area } = useCurrentArea();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const q = useApiQuery(disclosure, {
    query: { under: area?.id, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') },
  });
  const d = q.data;
  const zh = i18n.getFixedT('zh-CN');
  return (
    <div className="disclosure-print" data-testid="disclosure">
      <style>{PRINT_CSS}</style>
      <Space className="no-print" wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as never)} />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('supplies.print')}
        </Button>
      </Space>
      {q.error && <Alert type="error" showIcon title={errorText(q.error, t)} />}
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {zh('supplies.paper.disclosureTitle', { area: d?.areaName ?? '' })}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }}>
        {d?.from || d?.to ? zh('supplies.paper.period', { from: d?.from ?? '—', to: d?.to ?? '—' }) : zh('supplies.paper.untilNow')}
      </Typography.Paragraph>
      <Table<Row>
        rowKey="receiptNo"
        size="small"
        bordered
        pagination={false}
        loading={q.isFetching}
        dataSource={d?.rows ?? []}
        columns={[
          { title: zh('supplies.paper.n'), key: 'n', render: (_: unknown, __: Row, i: number) => i + 1 },
          { title: zh('supplies.paper.date'), dataIndex: 'receivedOn' },
          { title: zh('supplies.paper.donor'), key: 'donor', render: (_: unknown, r: Row) => `${r.donor}（${zh(`supplies.donorKind.${r.donorKind}`)}）` },
          {
            title: zh('supplies.paper.amount'),
            key: 'amount',
            render: (_: unknown, r: Row) => (r.kind === 'money' && r.amount !== null ? yuan(r.amount) : ''),
          },
          { title: zh('supplies.paper.goods'), dataIndex: 'goods' },
          { title: zh('supplies.paper.restrictedUse'), key: 'use', render: (_: unknown, r: Row) => r.restrictedUse ?? '' },
          { title: zh('supplies.paper.use'), dataIndex: 'use' },
          { title: zh('supplies.paper.receiptNo'), dataIndex: 'receiptNo' },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              {zh('supplies.paper.moneyTotal')}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} colSpan={5}>
              {yuan(d?.moneyTotal ?? 0)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Typography.Paragraph style={{ marginTop: 16 }}>{zh('supplies.paper.footer')}</Typography.Paragraph>
    </div>
  );
}
