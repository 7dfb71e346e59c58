/** 接种政策: the vaccination policy in force (policy data) beside the working list; editable with the policy permission. */
import { Button, Descriptions, Drawer } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getPolicy } from '../../../domain/vaccination/api';
import { useAuth } from '../../app/auth';
import { useApiQuery } from '../../app/query';
import { PolicyForm } from './PolicyForm';

export function PolicyDrawer() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const policy = useApiQuery(getPolicy, undefined, { enabled: open });
  const p = policy.data;
  const item = (label: string, value: string | number) => (
    <Descriptions.Item key={label} label={label}>
      {value}
    </Descriptions.Item>
  );
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="vaccination-policy-button">
        {t('vaccination.policy.button')}
      </Button>
      <Drawer
        open={open}
        onClose={() => {
          setOpen(false);
          setEditing(false);
        }}
        title={t('vaccination.policy.title')}
        size="large"
        extra={
          can('policy.manage') &&
          p &&
          !editing && (
            <Button onClick={() => setEditing(true)} data-testid="vaccination-policy-edit">
              {t('vaccination.policy.edit')}
            </Button>
          )
        }
      >
        {p && editing && <PolicyForm policy={p} onDone={() => setEditing(false)} />}
        {p && !editing && (
          <Descriptions column={1} bordered size="small" data-testid="vaccination-policy">
            {item(t('vaccination.policy.version'), t('vaccination.policy.versionText', { version: p.version, since: p.since.slice(0, 10) }))}
            {p.note && item(t('vaccination.policy.note'), p.note)}
            {p.bands.map((b) =>
              item(t('vaccination.policy.bandMinAge', { band: t(`vaccination.band.${b.code}`) }), t('vaccination.policy.years', { n: b.minAge })),
            )}
            {item(t('vaccination.policy.primaryDoses'), p.primaryDoses)}
            {item(t('vaccination.policy.doseIntervalDays'), t('vaccination.policy.days', { n: p.doseIntervalDays }))}
            {item(t('vaccination.policy.boosters'), p.boosters)}
            {item(t('vaccination.policy.boosterAfterMonths'), t('vaccination.policy.months', { n: p.boosterAfterMonths }))}
            {item(t('vaccination.policy.observationMinutes'), t('vaccination.policy.minutes', { n: p.observationMinutes }))}
            {item(t('vaccination.policy.rideTripMinutes'), t('vaccination.policy.minutes', { n: p.rideTripMinutes }))}
          </Descriptions>
        )}
      </Drawer>
    </>
  );
}
