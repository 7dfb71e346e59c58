/**
 * One measure: who, what, where, when, who looks after them, the rule version that proposed it, the
 * actions its state allows, its follow-ups and its audited history.
 */
import { Alert, Card, Col, Descriptions, Row, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { Masked } from '../residents/tags';
import { getMeasure } from '../../../domain/monitoring/api';
import { errorText } from '../../app/errors';
import { useLanguage } from '../../app/i18n';
import { useApiQuery } from '../../app/query';
import { BackTo } from './BackTo';
import { KindTag, StateTag, SymptomTags } from './labels';
import { MeasureActions } from './MeasureActions';
import { ruleVersionLabel } from './policy-labels';
import { MeasureFollowUps } from './MeasureFollowUps';
import { MeasureHistory } from './MeasureHistory';

export default function MeasurePage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { can } = useAuth();
  const { id } = useParams();
  // An action refetches what is on screen (the measure, its follow-ups and history) by itself.
  const measure = useApiQuery(getMeasure, { params: { id: Number(id) } });
  const m = measure.data;
  const none = t('common.none');

  if (measure.error) return <Alert type="error" showIcon title={errorText(measure.error, t)} />;
  if (!m) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const s = m.situation ?? {};
  const situation = [
    s.contactType && t(`monitoring.contact.${s.contactType}`),
    s.originRiskLevel && t(`monitoring.risk.${s.originRiskLevel}`),
    s.codeColour && t(`monitoring.colour.${s.codeColour}`),
    s.exposedOn && `${t('monitoring.situation.exposedOn')} ${s.exposedOn}`,
    s.arrivedOn && `${t('monitoring.situation.arrivedOn')} ${s.arrivedOn}`,
    typeof s.age === 'number' && t('monitoring.situation.ageValue', { age: s.age }),
  ].filter(Boolean);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <BackTo to="/monitoring/measures" />
      <Space wrap size={8}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="measure-resident">
          {m.residentName}
        </Typography.Title>
        <KindTag kind={m.kind} />
        <StateTag state={m.state} />
      </Space>
      {can('measures.write') && <MeasureActions measure={m} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t('monitoring.field.resident')}>
                <Link to={`/residents/${m.residentId}`}>{m.residentName}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('monitoring.field.idNumber')}>
                <Masked value={m.idNumber} />
              </Descriptions.Item>
              <Descriptions.Item label={t('monitoring.field.area')}>{m.areaName}</Descriptions.Item>
              <Descriptions.Item label={t('monitoring.field.period')}>
                <span data-testid="measure-period">
                  {m.startsOn} → {m.endsOn}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('monitoring.field.place')}>
                {m.place === 'home' ? t('monitoring.place.home') : [t('monitoring.place.site'), m.siteName, m.roomCode].filter(Boolean).join(' · ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('monitoring.field.followUps')}>
                {t('monitoring.rule.followUps', { count: m.followUpsPerDay, times: m.followUpTimes.join(' ') })}
              </Descriptions.Item>
              <Descriptions.Item label={t('monitoring.field.doctor')}>{m.doctorName ?? none}</Descriptions.Item>
              <Descriptions.Item label={t('monitoring.field.gridWorker')}>{m.gridWorkerName ?? none}</Descriptions.Item>
              <Descriptions.Item label={t('monitoring.decision.testDates')}>{m.testDates.join(t('monitoring.rule.comma')) || none}</Descriptions.Item>
              <Descriptions.Item label={t('monitoring.field.ruleVersion')}>{m.ruleVersion ? ruleVersionLabel(m.ruleVersion, lang, t) : none}</Descriptions.Item>
              <Descriptions.Item label={t('monitoring.field.situation')} span={2}>
                {situation.join(t('monitoring.rule.sep')) || none} <SymptomTags symptoms={s.symptoms ?? []} />
              </Descriptions.Item>
              {m.nextSteps.length > 0 && (
                <Descriptions.Item label={t('monitoring.field.nextSteps')} span={2}>
                  {m.nextSteps.map((n) => (
                    <span key={n.startsOn}>
                      <KindTag kind={n.measure} /> {n.startsOn} → {n.endsOn}
                    </span>
                  ))}
                </Descriptions.Item>
              )}
              {m.previousId && (
                <Descriptions.Item label={t('monitoring.field.previous')}>
                  <Link to={`/monitoring/measures/${m.previousId}`}>#{m.previousId}</Link>
                </Descriptions.Item>
              )}
              {m.reason && <Descriptions.Item label={t('monitoring.field.reason')}>{m.reason}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card size="small" title={t('monitoring.followUp.title')} style={{ marginTop: 16 }}>
            <MeasureFollowUps measureId={m.id} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('monitoring.history.title')}>
            <MeasureHistory history={m.history} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
