/** The last week's daily ledgers: staff present, abnormal temperatures, returnees with the flagged ones marked. */
import { Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import type { getEnterprise } from '../../../domain/enterprises/api';

type Ledger = ResponseOf<typeof getEnterprise>['recentLedgers'][number];

export function LedgersCard({ ledgers }: { ledgers: Ledger[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('enterprises.ledger.title')}>
      <List
        size="small"
        dataSource={ledgers}
        locale={{ emptyText: t('enterprises.ledger.none') }}
        renderItem={(l) => (
          <List.Item data-testid="ledger-row">
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{String(l.day).slice(0, 10)}</Typography.Text>
                <Typography.Text>{t('enterprises.ledger.summary', { present: l.present, abnormal: l.temperatureAbnormal })}</Typography.Text>
                {l.temperatureAbnormal > 0 && <Tag color="orange">{t('enterprises.ledger.abnormal')}</Tag>}
                {l.flagged > 0 && (
                  <Tag color="red" data-testid="ledger-flagged">
                    {t('enterprises.ledger.flagged', { count: l.flagged })}
                  </Tag>
                )}
              </Space>
              {l.returnees.map((r) => (
                <Typography.Text key={r.staffId} type={r.flagged ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
                  {r.name} · {r.originName} · {t(`enterprises.level.${r.level}`, { defaultValue: r.level })} · {r.returnedOn}
                </Typography.Text>
              ))}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
