/** A policy decision: the measure and its dates, each step, test days, follow-ups, and the rule that made it. */
import { Alert, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { KindTag } from './labels';
import { ruleSetLabel } from './policy-labels';
import type { Decision } from './types';

export function DecisionView({ decision }: { decision: Decision }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const none = t('common.none');
  return (
    <div data-testid="decision">
      <Alert
        type={decision.measure === 'none' ? 'success' : decision.measure === 'central_isolation' ? 'error' : 'warning'}
        showIcon
        title={
          <Space wrap size={6}>
            <KindTag kind={decision.measure} />
            {decision.measure !== 'none' && (
              <span data-testid="decision-dates">{t('monitoring.decision.period', { days: decision.days, from: decision.startsOn, to: decision.endsOn })}</span>
            )}
            {decision.refer && <Tag color="red">{t('monitoring.rule.refer')}</Tag>}
          </Space>
        }
        description={
          <span data-testid="decision-rule">
            {t('monitoring.decision.byRule', {
              rule: decision.rule ? (en ? decision.rule.name.en : decision.rule.name.zh) : none,
              version: decision.ruleVersion ? ruleSetLabel(decision.ruleVersion, en ? 'en' : 'zh-CN', t) : none,
            })}
          </span>
        }
        style={{ marginBottom: 8 }}
      />
      {decision.measure !== 'none' && (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('monitoring.decision.steps')}>
            <Space orientation="vertical" size={2}>
              {decision.steps.map((s) => (
                <span key={s.startsOn + s.measure}>
                  <KindTag kind={s.measure} /> {s.startsOn} → {s.endsOn}
                </span>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('monitoring.decision.testDates')}>{decision.testDates.join(t('monitoring.rule.comma')) || none}</Descriptions.Item>
          <Descriptions.Item label={t('monitoring.decision.followUps')}>
            {decision.followUpsPerDay ? t('monitoring.rule.followUps', { count: decision.followUpsPerDay, times: decision.followUpTimes.join(' ') }) : none}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('monitoring.decision.set', { code: decision.set.code, version: decision.set.version })}
      </Typography.Text>
    </div>
  );
}
