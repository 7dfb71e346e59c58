/** A set's rules in order (the first that matches wins): conditions → measure, days, tests, follow-ups. */
import { Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { conditionPhrases, outcomePhrases, stepsText } from './rule-text';
import type { Rule } from './types';

export function RuleList({ rules, highlight }: { rules: Rule[]; highlight?: string | null }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  if (!rules.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.policy.noRules')} />;
  return (
    <List
      size="small"
      data-testid="rule-list"
      dataSource={rules}
      renderItem={(r, i) => {
        const when = conditionPhrases(r.when, t);
        return (
          <List.Item style={r.code === highlight ? { background: '#fffbe6' } : undefined} data-testid={`rule-${r.code}`}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space size={6} wrap>
                <Tag>{i + 1}</Tag>
                <Typography.Text strong>{en ? r.name.en : r.name.zh}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.code}
                </Typography.Text>
                {r.code === highlight && <Tag color="gold">{t('monitoring.policy.matched')}</Tag>}
              </Space>
              <Typography.Text>
                {when.length ? when.join(t('monitoring.rule.and')) : t('monitoring.rule.anyone')}
                {' → '}
                <Typography.Text strong>{stepsText(r.then.steps, t, r.then.refer)}</Typography.Text>
              </Typography.Text>
              {outcomePhrases(r.then, t).length > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {outcomePhrases(r.then, t).join(t('monitoring.rule.sep'))}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        );
      }}
    />
  );
}
