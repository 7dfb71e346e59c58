/**
 * An enterprise's page: who and where, its state (a suspension with why), what it declares (stock in days of cover,
 * the prevention officer), its plans and staff list, the application to resume and its two decisions, the last
 * week's ledgers, and the way to its inspections.
 */
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { checkCases, getEnterprise } from '../../../domain/enterprises/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { useApiMutation, useApiQuery } from '../../app/query';
import { ApplicationsCard } from './ApplicationsCard';
import { DeclareCard } from './DeclareCard';
import { FilesCard } from './FilesCard';
import { LedgersCard } from './LedgersCard';
import { statusColour, when } from './labels';

export default function EnterprisePage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const q = useApiQuery(getEnterprise, { params: { id } });
  const check = useApiMutation(checkCases);
  if (q.error) return <Alert type="error" showIcon title={errorText(q.error, t)} />;
  const e = q.data;
  if (!e) return null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {e.name}
          </Typography.Title>
          <Tag color={statusColour[e.status]} data-testid="enterprise-state">
            {t(`enterprises.status.${e.status}`)}
          </Tag>
        </Space>
        <Space wrap>
          {can('enterprises.ledger') && (
            <Link to={`/enterprises/${e.id}/ledger`}>
              <Button type="primary" data-testid="enterprise-ledger-new">
                {t('enterprises.ledger.new')}
              </Button>
            </Link>
          )}
          {e.inspectionTargetId && can('inspections.inspect') && (
            // The enterprise is a target of kind enterprise: the inspection form opens on it with its checklist.
            <Link to={`/inspections/new?kind=enterprise&targetId=${e.inspectionTargetId}`}>
              <Button data-testid="enterprise-inspect">{t('enterprises.inspect')}</Button>
            </Link>
          )}
        </Space>
      </Space>
      {e.status === 'suspended' && (
        <Alert
          type="error"
          showIcon
          data-testid="enterprise-suspended"
          title={t('enterprises.suspendedAt', { at: when(e.suspendedAt) })}
          description={t(`enterprises.suspendedReason.${e.suspendedReason ?? 'other'}`, { defaultValue: e.suspendedReason ?? '' })}
        />
      )}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('enterprises.field.creditCode')}>{e.creditCode}</Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.industry')}>{e.industry}</Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.area')}>{e.areaName}</Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.cadre')}>{e.cadreName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.staff')}>
            {t('enterprises.staffOf', { staff: e.staffCount, headcount: e.headcount })}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.site')}>
            {[e.hasDormitory && t('enterprises.field.dormitory'), e.hasCanteen && t('enterprises.field.canteen')].filter(Boolean).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.stockDays')}>{e.stockDays ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.officer')}>{e.officerName ? `${e.officerName} ${e.officerPhone ?? ''}` : '—'}</Descriptions.Item>
        </Descriptions>
        {can('enterprises.manage') && (
          <Button size="small" loading={check.isPending} onClick={() => check.mutate({ params: { id } })} data-testid="enterprise-case-check">
            {t('enterprises.caseCheck')}
          </Button>
        )}
        {check.data && (
          <Typography.Text type={check.data.cases ? 'danger' : 'secondary'} style={{ marginLeft: 8 }}>
            {t('enterprises.caseCheckResult', { count: check.data.cases })}
          </Typography.Text>
        )}
        {check.error && <Alert type="error" showIcon title={errorText(check.error, t)} />}
      </Card>
      {can('enterprises.manage') && <DeclareCard enterprise={e} />}
      <FilesCard enterprise={e} />
      <ApplicationsCard enterprise={e} />
      <LedgersCard ledgers={e.recentLedgers} />
    </Space>
  );
}
