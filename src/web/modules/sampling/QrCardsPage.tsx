/**
 * Printable sampling QR cards for people without a phone. Opened from a resident (?residentId=), a
 * household (?householdId=: the household group code and one card per member) or for an area in batch
 * (?areaId=&minAge=, e.g. everyone 60+ of a grid, from the residents list and its filters). The people are
 * read through the registry's own API, so a card shows only what this user may already see there: the name
 * as the registry shows it and the ID number masked (printing never reveals it).
 */
import { Alert, Button, Card, Empty, Form, InputNumber, Select, Space, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { callApi } from '../../app/query';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { useCurrentArea } from '../../app/current-area';
import { errorText } from '../../app/errors';
import { BackLink } from '../residents/BackLink';
import { type ResidentPage, getHousehold, getResident, searchResidents } from '../../../domain/residents/api';
import { QrCardSheet } from './QrCardSheet';
import { BATCH_CAP, LIST_PAGE, type QrCard, batchParts, cardGrid, householdCards, pagesOfPart, printable, residentCard } from './QrCardsModel';

interface Loaded {
  cards: QrCard[];
  /** Batch: how many people match, and whether the server stopped counting. */
  total?: number;
  capped?: boolean;
}

const positive = (v: string | null) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

function BatchForm({ areaId, minAge, onGo }: { areaId?: number; minAge?: number; onGo: (areaId: number, minAge?: number) => void }) {
  const { t } = useTranslation();
  const { area } = useCurrentArea();
  const [picked, setPicked] = useState<number | undefined>(areaId ?? area?.id);
  const [age, setAge] = useState<number | null>(minAge ?? 60);
  useEffect(() => {
    if (picked === undefined && area) setPicked(area.id);
  }, [area, picked]);
  return (
    <Form layout="inline" style={{ rowGap: 8 }} onFinish={() => picked && onGo(picked, age ?? undefined)}>
      <Form.Item label={t('samplingQr.batchArea')}>
        <AreaTreeSelect value={picked} onChange={(id) => setPicked(id ?? undefined)} style={{ minWidth: 200, maxWidth: '100%' }} data-testid="qr-area" />
      </Form.Item>
      <Form.Item label={t('samplingQr.minAge')}>
        <InputNumber min={0} max={150} value={age} onChange={setAge} placeholder={t('samplingQr.anyAge')} data-testid="qr-min-age" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" disabled={!picked} data-testid="qr-batch-go">
          {t('samplingQr.batchGo')}
        </Button>
      </Form.Item>
    </Form>
  );
}

export default function QrCardsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const residentId = positive(params.get('residentId'));
  const householdId = positive(params.get('householdId'));
  const areaId = positive(params.get('areaId'));
  const minAgeText = params.get('minAge');
  const minAge = minAgeText !== null && /^\d+$/.test(minAgeText) && Number(minAgeText) <= 150 ? Number(minAgeText) : undefined;
  const part = positive(params.get('part')) ?? 1;
  const single = residentId !== undefined || householdId !== undefined;
  // One query for what the link names: a person, a household, or a part of an area's list (its pages read
  // one after another — the server reads a page at a time anyway).
  const query = useQuery<Loaded | null, Error>({
    queryKey: ['qr-cards', residentId, householdId, areaId, minAge, part],
    queryFn: async () => {
      if (residentId) {
        const r = await callApi(getResident, { params: { id: residentId } });
        return { cards: printable(r) ? [residentCard(r)] : [] };
      }
      if (householdId) return { cards: householdCards(await callApi(getHousehold, { params: { id: householdId } })) };
      if (!areaId) return null;
      const pages: ResidentPage[] = [];
      for (const page of pagesOfPart(part)) {
        const p = await callApi(searchResidents, { query: { under: areaId, ageMin: minAge, status: 'present', page, pageSize: LIST_PAGE } });
        pages.push(p);
        if (p.items.length < LIST_PAGE) break;
      }
      return { cards: pages.flatMap((p) => p.items).map(residentCard), total: pages[0]?.total ?? 0, capped: pages[0]?.totalCapped };
    },
  });
  const loaded = query.data ?? null;
  const error = query.error ? errorText(query.error, t) : null;

  const go = (next: Record<string, number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined) p.set(k, String(v));
    setParams(p);
  };
  const cards = loaded?.cards ?? [];
  const sheets = Math.ceil(cards.length / cardGrid().perPage);
  const parts = loaded?.total ? batchParts(loaded.total) : [];
  const loading = (single || areaId !== undefined) && query.isPending;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="qr-no-print">
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {single && <BackLink />}
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('samplingQr.title')}
            </Typography.Title>
            <Button type="primary" icon={<PrinterOutlined />} disabled={!cards.length} onClick={() => window.print()} data-testid="qr-print">
              {t('samplingQr.print')}
            </Button>
          </Space>
          {!single && (
            <Card size="small" title={t('samplingQr.batchTitle')}>
              <BatchForm key={`${areaId}:${minAge}`} areaId={areaId} minAge={minAge} onGo={(a, age) => go({ areaId: a, minAge: age })} />
            </Card>
          )}
          <Alert type="info" showIcon title={t('samplingQr.maskingNote')} data-testid="qr-masking-note" />
          {loaded && cards.length > 0 && <Typography.Text data-testid="qr-count">{t('samplingQr.count', { cards: cards.length, sheets })}</Typography.Text>}
          {loaded && parts.length > 1 && (
            <Alert
              type="warning"
              showIcon
              data-testid="qr-cap"
              title={t(loaded.capped ? 'samplingQr.capMessageCapped' : 'samplingQr.capMessage', { total: loaded.total, cap: BATCH_CAP })}
              description={
                <Select
                  value={part}
                  style={{ minWidth: 200, maxWidth: '100%' }}
                  onChange={(p: number) => go({ areaId, minAge, part: p })}
                  options={parts.map((p) => ({ value: p.part, label: t('samplingQr.part', { part: p.part, from: p.from, to: p.to }) }))}
                  data-testid="qr-parts"
                />
              }
            />
          )}
          {error && <Alert type="error" showIcon title={error} />}
        </Space>
      </div>
      {loading && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {loaded && !cards.length && (
        <Card size="small" className="qr-no-print">
          <Empty description={single ? t('samplingQr.noneSingle') : t('samplingQr.noneBatch')} data-testid="qr-empty" />
        </Card>
      )}
      {cards.length > 0 && <QrCardSheet cards={cards} />}
    </Space>
  );
}
