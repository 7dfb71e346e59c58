/** A request's page: who and what (the phone masked), where it stands, its decisions so far, and what can be done now. */
import { Alert, App, Card, Descriptions, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { acceptTransfer, getHelp, helpPolicyRoute, refuseTransfer, settleAdvance } from '../../../domain/help/api';
import { useAuth } from '../../app/auth';
import { PhotoThumbs } from '../../app/PhotoInput';
import { errorText } from '../../app/errors';
import { localName, useLanguage } from '../../app/i18n';
import { useApiMutation, useApiQuery } from '../../app/query';
import { Button } from 'antd';
import { HelpActions } from './HelpActions';

export default function HelpRequestPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const id = Number(useParams().id);
  const q = useApiQuery(getHelp, { params: { id } });
  const policy = useApiQuery(helpPolicyRoute);
  const accept = useApiMutation(acceptTransfer);
  const refuse = useApiMutation(refuseTransfer);
  const settle = useApiMutation(settleAdvance);
  const { can } = useAuth();
  const { message } = App.useApp();
  const settleNow = async () => {
    try {
      await settle.mutateAsync({ params: { id } });
    } catch (e) {
      message.error(errorText(e, t));
    }
  };
  if (q.error) return <Alert type="error" showIcon title={errorText(q.error, t)} />;
  if (!q.data || !policy.data) return <Spin />;
  const r = q.data;
  const kind = policy.data.kinds.find((k) => k.code === r.kind);
  const stepName = (code: string) => localName(kind?.steps.find((s) => s.code === code)?.name, lang) || code;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title={`${localName(kind?.name, lang)} · ${r.code}`} extra={<Tag data-testid="help-status">{t(`help.status.${r.status}`)}</Tag>}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('help.field.need')}>{r.need}</Descriptions.Item>
          <Descriptions.Item label={t('help.field.name')}>{r.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('help.field.phone')}>{r.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('help.field.address')}>{r.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('help.field.area')}>{r.areaName}</Descriptions.Item>
          <Descriptions.Item label={t('help.field.channel')}>{t(`help.channel.${r.channel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('help.field.tier')}>{localName(policy.data.tiers.find((x) => x.code === r.tier)?.name, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('help.field.dueAt')}>
            {new Date(r.dueAt).toLocaleString()} {r.overdue && <Tag color="red">{t('help.overdue')}</Tag>}
          </Descriptions.Item>
          {r.groups.length > 0 && (
            <Descriptions.Item label={t('help.field.groups')}>
              {r.groups.map((g) => t(`residents.group.${g}`, { defaultValue: g })).join('、')}
            </Descriptions.Item>
          )}
          {r.delivererName && <Descriptions.Item label={t('help.field.deliverer')}>{r.delivererName}</Descriptions.Item>}
          {r.publicNote && <Descriptions.Item label={t('help.field.note')}>{r.publicNote}</Descriptions.Item>}
          {r.satisfaction !== null && <Descriptions.Item label={t('help.field.satisfaction')}>{r.satisfaction} / 5</Descriptions.Item>}
          {r.transferRefusedReason && <Descriptions.Item label={t('help.transferRefused')}>{r.transferRefusedReason}</Descriptions.Item>}
          {r.advanceYuan !== null && (
            <Descriptions.Item label={t('help.advance.label')}>
              <Space wrap>
                <span data-testid="help-advance-amount">¥{r.advanceYuan.toFixed(2)}</span>
                {r.advanceSettledAt ? (
                  <Tag color="green">{t('help.advance.settled')}</Tag>
                ) : (
                  can('help.manage') && (
                    <Button size="small" loading={settle.isPending} onClick={() => void settleNow()} data-testid="help-advance-settle">
                      {t('help.advance.settle')}
                    </Button>
                  )
                )}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
        {!!r.proofPhotos?.length && (
          <>
            <Typography.Text type="secondary">{t('help.advance.proof')}</Typography.Text>
            <PhotoThumbs photos={r.proofPhotos} />
          </>
        )}
        {!!r.receiptPhotos?.length && (
          <>
            <Typography.Text type="secondary">{t('help.advance.receipts')}</Typography.Text>
            <PhotoThumbs photos={r.receiptPhotos} />
          </>
        )}
      </Card>
      {r.transfer && (
        <Alert
          type="warning"
          showIcon
          title={t('help.transferWaiting', { area: r.transfer.areaName, reason: r.transfer.reason })}
          action={
            <Space>
              <Button size="small" type="primary" onClick={() => void accept.mutateAsync({ params: { id } })}>
                {t('help.accept')}
              </Button>
              <Button size="small" danger onClick={() => void refuse.mutateAsync({ params: { id }, body: { reason: t('help.refuseDefault') } })}>
                {t('help.refuse')}
              </Button>
            </Space>
          }
        />
      )}
      {Object.keys(r.decisions).length > 0 && (
        <Card size="small" title={t('help.decisions')}>
          <Timeline
            items={Object.entries(r.decisions)
              .sort((a, b) => a[1].at.localeCompare(b[1].at))
              .map(([code, d]) => ({
                content: `${stepName(code)}：${localName(kind?.steps.find((s) => s.code === code)?.options.find((o) => o.code === d.option)?.name, lang) || d.option}${d.note ? ` · ${d.note}` : ''} · ${d.by ?? ''}`,
              }))}
          />
        </Card>
      )}
      <HelpActions r={r} policy={policy.data} />
    </Space>
  );
}
