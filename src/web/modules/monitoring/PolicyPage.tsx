/**
 * Policy as data: the sets (newest first, the one in force marked), a set's rules in order, and the "try it"
 * panel. Those who manage policy change a set's fever threshold and alert time here as a new version
 * (PolicyThresholdsModal); editing the rules themselves is the policy editor's job, not this page's.
 */
import { Alert, Button, Card, Col, Descriptions, Empty, List, Row, Space, Spin, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { listSets } from '../../../domain/policy/api';
import { errorText } from '../../app/errors';
import { useAuth } from '../../app/auth';
import { useApiQuery } from '../../app/query';
import { PolicyThresholdsModal } from './PolicyThresholdsModal';
import { policySourceText } from './policy-labels';
import { RuleList } from './RuleList';
import { SymptomTags } from './labels';
import { TryItPanel } from './TryItPanel';
import type { Decision } from './types';

type ListedSet = ResponseOf<typeof listSets>['items'][number];

export default function PolicyPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const sets = useApiQuery(listSets);
  const data = sets.data;
  const [selected, setSelected] = useState<number | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [editing, setEditing] = useState(false);
  const { can } = useAuth();

  useEffect(() => {
    if (data && selected === null) setSelected((data.items.find((s) => s.inForce) ?? data.items[0])?.id ?? null);
  }, [data, selected]);

  if (sets.error) return <Alert type="error" showIcon title={errorText(sets.error, t)} />;
  if (!data) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const set = data.items.find((s) => s.id === selected) ?? null;
  const name = (s: ListedSet) => (en ? s.name.en : s.name.zh);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.policy')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={7}>
          <Card size="small" title={t('monitoring.policy.sets')}>
            <List
              size="small"
              data-testid="policy-sets"
              dataSource={data.items}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.policy.noSets')} /> }}
              renderItem={(s) => (
                <List.Item
                  onClick={() => (setSelected(s.id), setDecision(null))}
                  style={{ cursor: 'pointer', background: s.id === selected ? '#e6f4ff' : undefined, paddingInline: 8 }}
                  data-testid="policy-set"
                >
                  <Space orientation="vertical" size={0}>
                    <Space size={4} wrap>
                      <Typography.Text strong>{name(s)}</Typography.Text>
                      {s.inForce && <Tag color="green">{t('monitoring.policy.inForce')}</Tag>}
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('monitoring.policy.versionOf', { version: s.version })} · {s.effectiveFrom} → {s.effectiveTo ?? t('monitoring.policy.open')}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          {set ? (
            <Card size="small" title={name(set)} extra={set.inForce && <Tag color="green">{t('monitoring.policy.inForce')}</Tag>}>
              <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
                <Descriptions.Item label={t('monitoring.policy.effective')}>
                  {set.effectiveFrom} → {set.effectiveTo ?? t('monitoring.policy.open')}
                </Descriptions.Item>
                <Descriptions.Item label={t('monitoring.policy.feverThreshold')}>{set.feverThreshold.toFixed(1)} °C</Descriptions.Item>
                <Descriptions.Item label={t('monitoring.policy.alertDueMinutes')}>
                  {t('monitoring.policy.minutes', { count: set.alertDueMinutes })}
                </Descriptions.Item>
                <Descriptions.Item label={t('monitoring.policy.alertSymptoms')}>
                  <span>
                    <SymptomTags symptoms={set.alertSymptoms} />
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('monitoring.policy.contactLevels')}>
                  <span data-testid="policy-contact-levels">
                    {set.tracing.contactLevels
                      .map((l) => `${t(`tracing.level.${l.level}`)} ${t('tracing.placeWithin', { hours: l.placeWithinHours })}`)
                      .join(t('tracing.sep')) || t('common.none')}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('monitoring.policy.caseClasses')}>
                  {set.tracing.caseClasses.map((c) => (en ? c.name.en : c.name.zh)).join(t('tracing.listSep'))}
                </Descriptions.Item>
                <Descriptions.Item label={t('monitoring.policy.source')}>{policySourceText(set, t)}</Descriptions.Item>
              </Descriptions>
              {can('policy.manage') && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} style={{ marginBottom: 8 }} data-testid="policy-edit-thresholds">
                  {t('monitoring.policy.editThresholds')}
                </Button>
              )}
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('monitoring.policy.firstMatch')}
              </Typography.Paragraph>
              <RuleList rules={set.rules} highlight={decision && decision.set.id === set.id ? decision.rule?.code : null} />
            </Card>
          ) : (
            <Empty description={t('monitoring.policy.noSets')} />
          )}
        </Col>
        <Col xs={24} lg={8}>
          <TryItPanel setId={set && !set.inForce ? set.id : undefined} onDecision={setDecision} />
        </Col>
      </Row>
      {editing && set && (
        <PolicyThresholdsModal
          set={set}
          onClose={() => setEditing(false)}
          onSaved={(id) => {
            setEditing(false);
            setSelected(id);
          }}
        />
      )}
    </Space>
  );
}
