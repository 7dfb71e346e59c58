/** One case (流调病例): who, classification, dates, where isolated; its trajectory and its contacts. */
import { NodeIndexOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { getCase } from '../../../domain/tracing/api';
import { useAuth } from '../../app/auth';
import { errorText } from '../../app/errors';
import { localName, useLanguage } from '../../app/i18n';
import { useApiQuery } from '../../app/query';
import { BackTo } from '../monitoring/BackTo';
import { Masked } from '../residents/tags';
import { CaseContacts } from './CaseContacts';
import { CaseExposures } from './CaseExposures';
import { CaseTrajectory } from './CaseTrajectory';

export default function CasePage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { can } = useAuth();
  const { id } = useParams();
  const query = useApiQuery(getCase, { params: { id: Number(id) } });
  const c = query.data;
  const none = t('common.none');

  if (query.error) return <Alert type="error" showIcon title={errorText(query.error, t)} />;
  if (!c) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const writable = can('tracing.write');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <BackTo to="/tracing/cases" />
      <Space wrap size={8}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-name">
          {c.name}
        </Typography.Title>
        <Tag color="red" data-testid="case-classification-tag">
          {localName(c.classificationName ?? undefined, lang) || c.classification}
        </Tag>
        <Link to={`/tracing/chains?caseId=${c.id}`} data-testid="case-chain-link">
          <NodeIndexOutlined /> {t('tracing.chain.openChain')}
        </Link>
      </Space>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('tracing.field.person')}>
            <Link to={`/residents/${c.residentId}`}>{c.name}</Link>&nbsp;
            <Masked value={c.idNumber} />
          </Descriptions.Item>
          <Descriptions.Item label={t('tracing.field.area')}>{c.areaName}</Descriptions.Item>
          <Descriptions.Item label={t('tracing.field.foundBy')}>{t(`tracing.foundBy.${c.foundBy}`)}</Descriptions.Item>
          <Descriptions.Item label={t('tracing.field.onsetOn')}>{c.onsetOn ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('tracing.field.testedOn')}>{c.testedOn ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('tracing.field.reportedOn')}>{c.reportedOn}</Descriptions.Item>
          <Descriptions.Item label={t('tracing.field.isolatedAt')}>{c.isolatedAt ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('tracing.field.isolatedOn')}>{c.isolatedOn ?? none}</Descriptions.Item>
          {c.note && <Descriptions.Item label={t('tracing.field.note')}>{c.note}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <CaseTrajectory caseId={c.id} rows={c.trajectory} writable={writable} />
      <CaseContacts caseId={c.id} contacts={c.contacts} isolatedOn={c.isolatedOn} writable={writable} />
      <CaseExposures caseId={c.id} writable={writable} />
    </Space>
  );
}
