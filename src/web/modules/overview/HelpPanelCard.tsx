import { useTranslation } from 'react-i18next';
import type { Overview } from '../../../domain/overview/api';
import { FigureCard } from './FigureCards';

/** The help panel of the overview: today's closure rate (closed in time ÷ received), with what is open and overdue, and the care calls made. */
export function HelpPanelCard({ help }: { help: NonNullable<Overview['help']> }) {
  const { t } = useTranslation();
  return (
    <FigureCard
      testId="fig-help"
      title={t('help.panel.title')}
      value={help.rateToday === null ? '—' : `${Math.round(help.rateToday * 100)}%`}
      danger={help.overdue > 0}
      note={help.careCalls.people ? `${t('help.panel.note', help)}${t('help.panel.careCalls', help.careCalls)}` : t('help.panel.note', help)}
    />
  );
}
