/**
 * The application to resume: the six in place ticked (the server checks what it can see for itself and names what
 * is missing), then the town's and the county's decisions. An approver sees the buttons; the server decides whose
 * step it is and says so.
 */
import { Alert, Button, Card, Checkbox, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { applyToResume, decideApplication, type getEnterprise, getPolicy } from '../../../domain/enterprises/api';
import { useAuth } from '../../app/auth';
import { ReasonModal } from '../../app/components/ReasonModal';
import { errorText } from '../../app/errors';
import { callApi, useApiMutation, useApiQuery } from '../../app/query';
import { useQueryClient } from '@tanstack/react-query';
import { applicationColour, when } from './labels';

type Enterprise = ResponseOf<typeof getEnterprise>;
type Application = Enterprise['applications'][number];

export function ApplicationsCard({ enterprise: e }: { enterprise: Enterprise }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const client = useQueryClient();
  const policy = useApiQuery(getPolicy);
  const [ticked, setTicked] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [refusing, setRefusing] = useState<number | null>(null);
  const apply = useApiMutation(applyToResume, { onSuccess: () => (setTicked([]), setNote('')) });
  const decide = useApiMutation(decideApplication);
  const en = i18n.language.startsWith('en');
  const canApply = can('enterprises.manage') && (e.status === 'registered' || e.status === 'suspended');
  const open = (a: Application) => a.status === 'town_review' || a.status === 'county_review';
  const decision = (at: string | Date | null, name: string | null, reason: string | null, step: string) =>
    at ? (
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t(`enterprises.step.${step}`)} · {name} · {when(at)}
        {reason ? ` · ${t('enterprises.reason')}：${reason}` : ''}
      </Typography.Text>
    ) : null;
  return (
    <Card size="small" title={t('enterprises.applications')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {(apply.error || decide.error) && <Alert type="error" showIcon title={errorText(apply.error ?? decide.error, t)} data-testid="application-error" />}
        {canApply && policy.data && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="apply-form">
            <Typography.Text strong>{t('enterprises.sixInPlace')}</Typography.Text>
            <Checkbox.Group
              value={ticked}
              onChange={(v) => setTicked(v as string[])}
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={policy.data.sixInPlace.map((s) => ({ value: s.code, label: en ? s.en : s.zh }))}
            />
            <Input.TextArea rows={2} maxLength={500} value={note} onChange={(x) => setNote(x.target.value)} placeholder={t('enterprises.applyNote')} />
            <Button
              type="primary"
              block
              loading={apply.isPending}
              data-testid="apply-submit"
              onClick={() =>
                apply.mutate({
                  params: { id: e.id },
                  body: { selfCheck: Object.fromEntries(policy.data.sixInPlace.map((s) => [s.code, ticked.includes(s.code)])), note: note || undefined },
                })
              }
            >
              {t(e.status === 'suspended' ? 'enterprises.applyAgain' : 'enterprises.apply')}
            </Button>
          </Space>
        )}
        <List
          size="small"
          dataSource={e.applications}
          locale={{ emptyText: t('enterprises.noApplications') }}
          renderItem={(a) => (
            <List.Item data-testid="application-row">
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Tag color={applicationColour[a.status]} data-testid="application-status">
                    {t(`enterprises.application.${a.status}`)}
                  </Tag>
                  <Typography.Text type="secondary">
                    {when(a.submittedAt)} · {a.submittedByName}
                  </Typography.Text>
                </Space>
                {decision(a.townDecidedAt, a.townDecidedByName, a.townReason, 'town')}
                {decision(a.countyDecidedAt, a.countyDecidedByName, a.countyReason, 'county')}
                {open(a) && can('enterprises.approve') && (
                  <Space>
                    <Button
                      size="small"
                      type="primary"
                      loading={decide.isPending}
                      onClick={() => decide.mutate({ params: { id: a.id }, body: { approve: true } })}
                      data-testid="application-approve"
                    >
                      {t('enterprises.approve')}
                    </Button>
                    <Button size="small" danger onClick={() => setRefusing(a.id)} data-testid="application-refuse">
                      {t('enterprises.refuse')}
                    </Button>
                  </Space>
                )}
              </Space>
            </List.Item>
          )}
        />
      </Space>
      {refusing !== null && (
        <ReasonModal
          title={t('enterprises.refuse')}
          okText={t('enterprises.refuse')}
          label={t('enterprises.reason')}
          testId="refuse"
          onClose={() => setRefusing(null)}
          onSubmit={async (reason) => {
            await callApi(decideApplication, { params: { id: refusing }, body: { approve: false, reason } });
            setRefusing(null);
            await client.invalidateQueries();
          }}
        />
      )}
    </Card>
  );
}
