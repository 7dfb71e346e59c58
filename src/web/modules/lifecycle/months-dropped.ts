import type { TFunction } from 'i18next';

/**
 * The whole months a class dropped in a retention run, from the run's record (each partition named
 * "<table>_y2026m08"), as "2026年8月（12 条）、…"; a dash when it dropped none. The table's name never shows.
 */
export function monthsDroppedText(months: { partition: string; rows: number }[] | undefined, t: TFunction): string {
  if (!months?.length) return '—';
  return months
    .map((m) => {
      const ym = /_y(\d{4})m(\d{2})$/.exec(m.partition);
      return ym
        ? t('lifecycle.monthDropped', { year: ym[1], month: Number(ym[2]), mm: ym[2], rows: m.rows })
        : t('lifecycle.monthDroppedRows', { rows: m.rows });
    })
    .join(t('lifecycle.listSeparator'));
}
