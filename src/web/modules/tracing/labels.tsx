/** Tags and names for tracing's records, shared by its screens; classifications are named by the rule set in force. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { tracingPolicyRoute } from '../../../domain/tracing/api';
import type { Placement } from '../../../domain/tracing/kinds';
import { localName, useLanguage } from '../../app/i18n';
import { useApiQuery } from '../../app/query';

const LEVEL_COLOUR = { close: 'red', secondary: 'orange', general: 'default' } as const;
const PLACEMENT_COLOUR: Record<Placement, string> = { to_find: 'gold', placed: 'green', not_found: 'red', elsewhere: 'blue' };

export function LevelTag({ level }: { level: keyof typeof LEVEL_COLOUR }) {
  const { t } = useTranslation();
  return <Tag color={LEVEL_COLOUR[level]}>{t(`tracing.level.${level}`)}</Tag>;
}

export function PlacementTag({ placement }: { placement: Placement }) {
  const { t } = useTranslation();
  return (
    <Tag color={PLACEMENT_COLOUR[placement]} data-testid="contact-placement">
      {t(`tracing.placement.${placement}`)}
    </Tag>
  );
}

/** The rule set in force as tracing reads it, and a classification's name in the reader's language. */
export function useTracingPolicy() {
  const lang = useLanguage();
  const policy = useApiQuery(tracingPolicyRoute, undefined, { staleTime: 60_000 });
  const className = (code: string) => localName(policy.data?.caseClasses.find((c) => c.code === code)?.name, lang) || code;
  return { policy, className };
}
