/** Tags and short texts for measures, follow-ups and alerts, shared by the monitoring screens. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeasureKind, MeasureState, Symptom } from './types';

const KIND_COLOUR: Record<MeasureKind, string> = { central_isolation: 'red', home_isolation: 'orange', home_monitoring: 'gold', none: 'default' };
const STATE_COLOUR: Record<MeasureState, string> = {
  proposed: 'blue',
  confirmed: 'cyan',
  active: 'green',
  release_check: 'purple',
  released: 'default',
  cancelled: 'default',
};

export function KindTag({ kind }: { kind: MeasureKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLOUR[kind]}>{t(`monitoring.kind.${kind}`)}</Tag>;
}

export function StateTag({ state }: { state: MeasureState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOUR[state]} data-testid="measure-state">
      {t(`monitoring.state.${state}`)}
    </Tag>
  );
}

export function SymptomTags({ symptoms }: { symptoms: Symptom[] }) {
  const { t } = useTranslation();
  if (!symptoms.length) return null;
  return (
    <>
      {symptoms.map((s) => (
        <Tag key={s} color="volcano">
          {t(`monitoring.symptom.${s}`)}
        </Tag>
      ))}
    </>
  );
}

/** A temperature with one decimal, red at or above the fever threshold. */
export function Temperature({ value, threshold = 37.3 }: { value: number | null; threshold?: number }) {
  if (value === null) return null;
  const fever = value >= threshold;
  return <span style={{ fontWeight: 600, color: fever ? '#cf1322' : undefined, whiteSpace: 'nowrap' }}>{value.toFixed(1)} °C</span>;
}
