/** The overview's risk-zones card: live zones by level and the next lifting due, with what still blocks it. */
import { Card, Col, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Overview } from '../../../domain/overview/api';
import { localName, useLanguage } from '../../app/i18n';

export function ZonesCard({ zones }: { zones: NonNullable<Overview['zones']> }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const next = zones.next;
  return (
    <Col xs={12} md={8} xl={6} xxl={4}>
      <Card size="small" style={{ height: '100%' }} data-testid="fig-zones">
        <Statistic title={t('zones.panel.title')} value={zones.active} styles={{ content: { color: '#cf1322' } }} />
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {zones.byLevel.map((l) => `${l.name ? localName(l.name, lang) : l.level} ${l.count}`).join(' · ')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {next ? <Link to={`/zones/${next.zoneId}`}>{t('zones.panel.next', { area: next.areaName, day: next.dueOn })}</Link> : t('zones.panel.nextNone')}
        </Typography.Text>
        {next?.blocker && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {next.blocker}
          </Typography.Text>
        )}
      </Card>
    </Col>
  );
}
