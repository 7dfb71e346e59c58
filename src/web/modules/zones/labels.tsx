/** What the zone pages share: the rules in force, a level's tag, the countdown and the blocking rule in words. */
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../domain/contract';
import { listZones, zonePolicyRoute } from '../../../domain/zones/api';
import { localName, useLanguage } from '../../app/i18n';
import { useApiQuery } from '../../app/query';

export type Zone = ResponseOf<typeof listZones>['items'][number];
const COLOURS: Record<string, string> = { high: 'red', lockdown: 'red', medium: 'orange', control: 'orange', low: 'gold', prevention: 'gold' };

export function useZonePolicy() {
  return useApiQuery(zonePolicyRoute, {}, { staleTime: 5 * 60_000 });
}

export function LevelTag({ level, name }: { level: string; name?: { zh: string; en: string } | null }) {
  const lang = useLanguage();
  return (
    <Tag color={COLOURS[level] ?? 'default'} data-testid="zone-level">
      {name ? localName(name, lang) : level}
    </Tag>
  );
}

/** Days left before the rule's quiet period ends, and the first thing that blocks the lift (or that it may go now). */
export function LiftSummary({ zone }: { zone: Zone }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (zone.status === 'lifted') return <Typography.Text type="secondary">{t('zones.liftedOn', { day: zone.liftedOn })}</Typography.Text>;
  const lift = zone.lift;
  if (!lift) return null;
  return (
    <Space orientation="vertical" size={2}>
      {lift.allowed ? (
        <Tag color="green" data-testid="zone-lift-ready">
          {t('zones.liftReady')}
        </Tag>
      ) : (
        <Typography.Text data-testid="zone-countdown">
          {lift.dueOn ? t('zones.countdown', { count: lift.daysLeft, day: lift.dueOn }) : t('zones.noRule')}
        </Typography.Text>
      )}
      {lift.rule && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="zone-rule">
          {t('zones.rule')}：{localName(lift.rule.name, lang)}
        </Typography.Text>
      )}
      {lift.blockers[0] && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="zone-blocker">
          {lift.blockers[0].text}
        </Typography.Text>
      )}
    </Space>
  );
}
