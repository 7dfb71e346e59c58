import { maskKind } from '../../platform/audit-mask';
import { maskIdNumber } from '../../../domain/residents/identity';
import { maskName } from '../../../domain/sampling/rules';
import type { ZoneRuleSet } from '../../../domain/zones/rules';
import type { Lang } from '../../platform/messages';
import { type ZoneEvidence, liftView } from './lift';
import type { HistoryRow, ZoneRow } from './repo';

/** Answers of the zones module: people's names and numbers masked in every list. */
export function toZoneItem(z: ZoneRow, set: ZoneRuleSet, ev: ZoneEvidence | undefined, lang: Lang) {
  return {
    id: z.id,
    areaId: z.area_id,
    areaName: z.area_name,
    areaKind: z.area_kind,
    level: z.level as never,
    levelName: set.levels.find((l) => l.code === z.level)?.name ?? null,
    levelSince: z.level_since,
    declaredOn: z.declared_on,
    status: z.status,
    liftedOn: z.lifted_on,
    lift: ev ? liftView(set, ev.check, lang) : null,
  };
}

export const toHistoryItem = (h: HistoryRow) => ({
  id: h.id,
  kind: h.kind as never,
  fromLevel: h.from_level as never,
  toLevel: h.to_level as never,
  fromOn: h.from_on,
  rule: h.rule,
  note: h.note,
  byName: h.by_name,
  at: h.at,
});

export const toPerson = (r: { id: number; name: string; id_number: string | null; area_name: string; address: string | null }) => ({
  residentId: r.id,
  name: maskName(r.name),
  idNumber: maskIdNumber(r.id_number),
  areaName: r.area_name,
  // The list reaches volunteers too: the street and door are cut like any personal address in a list (the captain's
  // board of their own building keeps the full one, which delivery needs).
  address: r.address === null ? null : (maskKind('address', r.address) as string),
});
