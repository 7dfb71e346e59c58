import type { TFunction } from 'i18next';

/** Labels shared by the inspections pages: kinds of target, modes, severities, order states. */
export const kindLabel = (t: TFunction, kind: string) => t(`inspections.kind.${kind}`);
export const severityColour: Record<string, string> = { critical: 'red', major: 'orange', minor: 'blue' };
export const statusColour: Record<string, string> = { open: 'gold', reported: 'blue', closed: 'green' };
export const when = (iso: string | Date | null | undefined) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }).slice(0, 16) : '');
