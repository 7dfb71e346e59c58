/**
 * What can be done to a request now, by its state: decide its triage step (the step's options, the urgency where
 * the step sets it, a note — the reason the person is told when it cannot be done), give it to a deliverer (the
 * linked member first), close it (done only once delivered with proof; impossible with a reason), hand it to
 * another office, record the follow-up call. Each button is one request; the server refuses what it must.
 */
import { Alert, Button, Card, Input, Rate, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { assignHelp, closeHelp, followUpHelp, type getHelp, helpDeliverers, type helpPolicyRoute, helpStep, transferHelp } from '../../../domain/help/api';
import { AreaTreeSelect } from '../../app/components/AreaTreeSelect';
import { CommandGroupSelect, useCanAddressGroups } from '../../app/components/CommandGroupSelect';
import { errorText } from '../../app/errors';
import { localName, useLanguage } from '../../app/i18n';
import { useApiMutation, useApiQuery } from '../../app/query';
import { useMe } from '../../app/auth';

type Request = ResponseOf<typeof getHelp>;
type Policy = ResponseOf<typeof helpPolicyRoute>;

export function HelpActions({ r, policy }: { r: Request; policy: Policy }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const me = useMe();
  const [note, setNote] = useState('');
  const [tier, setTier] = useState<string | undefined>(undefined);
  const [userId, setUserId] = useState<number | undefined>(undefined);
  const [transferTo, setTransferTo] = useState<number | null>(null);
  const [transferGroup, setTransferGroup] = useState<number | null>(null);
  const canAddressGroups = useCanAddressGroups();
  const [stars, setStars] = useState(5);
  const [error, setError] = useState<string | null>(null);
  const step = useApiMutation(helpStep);
  const assign = useApiMutation(assignHelp);
  const close = useApiMutation(closeHelp);
  const transfer = useApiMutation(transferHelp);
  const follow = useApiMutation(followUpHelp);
  const deliverers = useApiQuery(helpDeliverers, { params: { id: r.id } }, { enabled: r.status === 'dispatch' || r.status === 'delivering' });
  const run = async (p: Promise<unknown>) => {
    setError(null);
    try {
      await p;
      setNote('');
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  const params = { id: r.id };
  const stepDef = r.status === 'triage' ? policy.kinds.find((k) => k.code === r.kind)?.steps.find((s) => s.code === r.step) : undefined;
  const open = ['triage', 'dispatch', 'delivering', 'delivered'].includes(r.status);
  const noteBox = (
    <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('help.notePlaceholder')} data-testid="help-note" />
  );

  return (
    <Card size="small" title={t('help.actions')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" showIcon title={error} data-testid="help-action-error" />}
        {stepDef && (
          <>
            <Typography.Text strong data-testid="help-current-step">
              {localName(stepDef.name, lang)}
            </Typography.Text>
            {stepDef.setsTier && (
              <Select
                placeholder={t('help.field.tier')}
                value={tier}
                onChange={setTier}
                options={policy.tiers.map((x) => ({ value: x.code, label: localName(x.name, lang) }))}
                data-testid="help-step-tier"
              />
            )}
            {noteBox}
            <Space wrap>
              {stepDef.options.map((o) => (
                <Button
                  key={o.code}
                  danger={o.leads === 'impossible'}
                  type={o.leads === 'impossible' ? 'default' : 'primary'}
                  loading={step.isPending}
                  data-testid={`help-option-${o.code}`}
                  onClick={() =>
                    void run(step.mutateAsync({ params, body: { step: stepDef.code, option: o.code, tier: tier ?? null, note: note.trim() || null } }))
                  }
                >
                  {localName(o.name, lang)}
                </Button>
              ))}
            </Space>
          </>
        )}
        {(r.status === 'dispatch' || r.status === 'delivering') && (
          <Space wrap>
            <Select
              style={{ minWidth: 200 }}
              placeholder={t('help.pickDeliverer')}
              value={userId}
              onChange={setUserId}
              options={deliverers.data?.items.map((d) => ({ value: d.userId, label: `${d.name} · ${t(`help.why.${d.why}`)}` }))}
              data-testid="help-deliverer"
            />
            <Button
              type="primary"
              data-testid="help-assign"
              loading={assign.isPending}
              onClick={() => void run(assign.mutateAsync({ params, body: { userId: userId ?? null } }))}
            >
              {t('help.assign')}
            </Button>
            {me.permissions.includes('help.deliver') && (
              <Button data-testid="help-assign-me" loading={assign.isPending} onClick={() => void run(assign.mutateAsync({ params, body: { userId: me.id } }))}>
                {t('help.assignMe')}
              </Button>
            )}
          </Space>
        )}
        {r.status === 'delivered' && (
          <Button
            type="primary"
            data-testid="help-close-done"
            loading={close.isPending}
            onClick={() => void run(close.mutateAsync({ params, body: { outcome: 'done' } }))}
          >
            {t('help.closeDone')}
          </Button>
        )}
        {open && r.status !== 'triage' && noteBox}
        {open && (
          <Space wrap>
            <Button
              danger
              data-testid="help-close-impossible"
              onClick={() => void run(close.mutateAsync({ params, body: { outcome: 'impossible', reason: note.trim() || null } }))}
            >
              {t('help.closeImpossible')}
            </Button>
            <AreaTreeSelect value={transferTo} onChange={(id) => setTransferTo(id)} data-testid="help-transfer-area" />
            {canAddressGroups && (
              <CommandGroupSelect
                allowClear
                value={transferGroup}
                onChange={setTransferGroup}
                placeholder={t('help.transferGroup')}
                style={{ minWidth: 200 }}
                data-testid="help-transfer-group"
              />
            )}
            <Button
              disabled={!transferTo}
              data-testid="help-transfer"
              onClick={() =>
                void run(
                  transfer.mutateAsync({
                    params,
                    body: { areaId: transferTo!, ...(transferGroup ? { groupId: transferGroup } : {}), reason: note.trim() || t('help.transferDefault') },
                  }),
                )
              }
            >
              {t('help.transfer')}
            </Button>
          </Space>
        )}
        {!open && r.satisfaction === null && (
          <Space wrap>
            <Rate value={stars} onChange={setStars} />
            <Button
              data-testid="help-follow-up"
              onClick={() => void run(follow.mutateAsync({ params, body: { satisfaction: stars, note: note.trim() || null } }))}
            >
              {t('help.followUp')}
            </Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}
