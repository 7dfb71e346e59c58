/** The supplies card of the command overview: items running low now (the worst named), today's issues, money donated. */
import { Card, Col, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Overview } from '../../../domain/overview/api';

export function SuppliesOverviewCard({ panel }: { panel: NonNullable<Overview['supplies']> }) {
  const { t } = useTranslation();
  return (
    <Col xs={12} md={8} xl={6} xxl={4}>
      <Card size="small" style={{ height: '100%' }} data-testid="fig-supplies">
        <Link to="/supplies/stores">
          <Statistic
            title={t('supplies.panel.lowNow')}
            value={panel.lowNow}
            suffix={`/ ${panel.stores} ${t('supplies.panel.stores')}`}
            styles={{ content: panel.lowNow > 0 ? { color: '#cf1322' } : undefined }}
          />
        </Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {panel.low.map((l) => `${l.storeName}·${l.itemName}`).join('、')}
          {panel.low.length > 0 ? '；' : ''}
          {t('supplies.panel.issuesToday')} {panel.issuesToday} · {t('supplies.panel.money')} ¥{panel.moneyDonated.toLocaleString('zh-CN')}
        </Typography.Text>
      </Card>
    </Col>
  );
}
