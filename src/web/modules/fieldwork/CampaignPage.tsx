/**
 * A campaign (宣传活动): its coverage per village, and the phone checklist — find a household by its address, tick the
 * items done at its door (those ticked on an earlier visit stay ticked), save.
 */
import { Alert, Button, Card, Checkbox, Empty, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { ResponseOf } from '../../../domain/contract';
import { getCampaign, listCampaignHouseholds, visitHousehold } from '../../../domain/fieldwork/api';
import { listHouseholds } from '../../../domain/residents/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';

type Village = ResponseOf<typeof getCampaign>['byVillage'][number];

export default function CampaignPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const [search, setSearch] = useState('');
  const [householdId, setHouseholdId] = useState<number | undefined>();
  const [ticked, setTicked] = useState<string[]>([]);
  const c = useApiQuery(getCampaign, { params: { id } });
  const found = useApiQuery(
    listHouseholds,
    { query: { q: search || undefined, page: 1, pageSize: 20 } },
    { enabled: can('residents.read') && search.length > 0 },
  );
  const before = useApiQuery(listCampaignHouseholds, { params: { id }, query: { householdId, limit: 1, offset: 0 } }, { enabled: !!householdId });
  const visit = useApiMutation(visitHousehold, { onSuccess: () => setTicked([]) });
  const done = useMemo(() => new Set(before.data?.items[0]?.ticked ?? []), [before.data]);
  if (c.error) return <Alert type="error" showIcon title={errorText(c.error, t)} />;
  if (!c.data) return null;
  const columns = [
    { title: t('fieldwork.field.village'), dataIndex: 'areaName' },
    { title: t('fieldwork.field.households'), dataIndex: 'households' },
    { title: t('fieldwork.field.visited'), dataIndex: 'visited' },
    { title: t('fieldwork.field.complete'), dataIndex: 'complete' },
    {
      title: t('fieldwork.field.coverage'),
      key: 'pct',
      render: (_: unknown, v: Village) => <Progress percent={v.pct ?? 0} size="small" style={{ minWidth: 120 }} />,
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {c.data.name}
      </Typography.Title>
      <Typography.Text type="secondary">
        {c.data.areaName} · {c.data.startsOn} – {c.data.endsOn} · {t('fieldwork.coverage', c.data.coverage)}
      </Typography.Text>
      {can('fieldwork.record') && (
        <Card size="small" title={t('fieldwork.form.checklistTitle')} style={{ maxWidth: 560 }}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Select
              showSearch
              size="large"
              value={householdId}
              placeholder={t('fieldwork.form.findHousehold')}
              filterOption={false}
              onSearch={setSearch}
              onChange={(h) => (setHouseholdId(h), setTicked([]))}
              options={(found.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.address} · ${h.areaName}` }))}
              style={{ width: '100%' }}
              notFoundContent={search ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
              data-testid="campaign-household"
            />
            {householdId && (
              <>
                {c.data.items.map((it) => (
                  <Checkbox
                    key={it.code}
                    checked={done.has(it.code) || ticked.includes(it.code)}
                    disabled={done.has(it.code)}
                    onChange={(e) => setTicked((x) => (e.target.checked ? [...x, it.code] : x.filter((y) => y !== it.code)))}
                    style={{ fontSize: 16, padding: '6px 0' }}
                  >
                    {it.text}
                  </Checkbox>
                ))}
                {before.data?.items[0]?.complete && <Tag color="green">{t('fieldwork.householdComplete')}</Tag>}
                {visit.error && <Alert type="error" showIcon title={errorText(visit.error, t)} />}
                {visit.isSuccess && <Alert type="success" showIcon title={t('fieldwork.saved')} />}
                <Button
                  type="primary"
                  block
                  size="large"
                  disabled={!ticked.length}
                  loading={visit.isPending}
                  onClick={() => visit.mutate({ params: { id }, body: { householdId, ticked } })}
                  data-testid="campaign-save"
                >
                  {t('fieldwork.form.submit')}
                </Button>
              </>
            )}
          </Space>
        </Card>
      )}
      <Card size="small" title={t('fieldwork.byVillage')}>
        <Table<Village> rowKey="areaId" size="small" columns={columns} dataSource={c.data.byVillage} pagination={false} scroll={{ x: 'max-content' }} />
      </Card>
    </Space>
  );
}
