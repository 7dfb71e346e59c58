/** 规则: the roster rules and weights in force (policy data) beside the board; editable with the policy permission. */
import { Button, Descriptions, Drawer } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rosterPolicy } from '../../../domain/checkpoints/api';
import { useAuth } from '../../app/auth';
import { useApiQuery } from '../../app/query';
import { RosterRulesForm } from './RosterRulesForm';

export function RosterRulesDrawer() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const policy = useApiQuery(rosterPolicy, undefined, { enabled: open });
  const p = policy.data;
  const yes = (b: boolean) => t(b ? 'checkpoints.rules.yes' : 'checkpoints.rules.no');
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="roster-rules-button">
        {t('checkpoints.rules.button')}
      </Button>
      <Drawer
        open={open}
        onClose={() => {
          setOpen(false);
          setEditing(false);
        }}
        title={t(can('policy.manage') ? 'checkpoints.rules.titleEdit' : 'checkpoints.rules.title')}
        size="large"
        extra={
          can('policy.manage') &&
          p &&
          !editing && (
            <Button onClick={() => setEditing(true)} data-testid="roster-rules-edit">
              {t('checkpoints.rules.edit')}
            </Button>
          )
        }
      >
        {p && editing && <RosterRulesForm policy={p} onDone={() => setEditing(false)} />}
        {p && !editing && (
          <Descriptions column={1} bordered size="small" data-testid="roster-rules">
            <Descriptions.Item label={t('checkpoints.rules.version')}>
              {t('checkpoints.rules.versionText', { version: p.version, since: p.since.slice(0, 10) })}
            </Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.rules.restHours')}>{t('checkpoints.rules.hours', { n: p.restHours })}</Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.rules.weeklyHourCap')}>{t('checkpoints.rules.hours', { n: p.weeklyHourCap })}</Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.rules.maxShiftsPerDay')}>{p.maxShiftsPerDay}</Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.rules.banNightThenMorning')}>{yes(p.banNightThenMorning)}</Descriptions.Item>
            <Descriptions.Item
              label={t('checkpoints.rules.morningStartsBeforeHour')}
            >{`${String(p.morningStartsBeforeHour).padStart(2, '0')}:00`}</Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.rules.freeNights')}>{p.freeNights}</Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.rules.freeWeekendShifts')}>{p.freeWeekendShifts}</Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.rules.weightUnfilled')}>{p.weights.unfilled}</Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.rules.weightTravel')}>{p.weights.travelPerStep}</Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.rules.weightNight')}>{p.weights.extraNight}</Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.rules.weightWeekend')}>{p.weights.extraWeekendShift}</Descriptions.Item>
          </Descriptions>
        )}
      </Drawer>
    </>
  );
}
