/**
 * "Share this building's households evenly among these members": in address order, so neighbours stay
 * with one member; sizes differ by at most one. By default the households' old links go first.
 */
import { Alert, App, Button, Card, Popconfirm, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { useApiMutation } from '../../app/query';
import { type SplitResult, splitHouseholds } from '../../../domain/volunteers/api';
import { VolunteerSelect } from './VolunteerSelect';

export function SplitCard({ areaId, onDone }: { areaId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [members, setMembers] = useState<number[]>([]);
  const [replace, setReplace] = useState(true);
  const splitting = useApiMutation(splitHouseholds);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SplitResult | null>(null);

  const split = async () => {
    setBusy(true);
    try {
      const r = await splitting.mutateAsync({ body: { areaId, volunteerIds: members, replace } });
      setResult(r);
      onDone();
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('volunteers.links.splitTitle')} data-testid="split-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('volunteers.links.splitHint')}</Typography.Text>
        <VolunteerSelect multiple value={members} onChange={(v) => setMembers(Array.isArray(v) ? v : [])} data-testid="split-members" />
        <Space size={6}>
          <Switch size="small" checked={replace} onChange={setReplace} />
          <span>{t('volunteers.links.replace')}</span>
        </Space>
        <Popconfirm title={t('volunteers.links.splitConfirm', { count: members.length })} onConfirm={() => void split()} disabled={!members.length}>
          <Button type="primary" block disabled={!members.length} loading={busy} data-testid="split-submit">
            {t('volunteers.links.split')}
          </Button>
        </Popconfirm>
        {result && (
          <Alert
            type="success"
            showIcon
            data-testid="split-result"
            title={t('volunteers.links.splitDone', {
              households: result.households,
              members: result.members,
              min: result.perMember.min,
              max: result.perMember.max,
            })}
          />
        )}
      </Space>
    </Card>
  );
}
