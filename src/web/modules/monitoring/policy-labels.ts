/**
 * Policy codes as people read them. A rule version is stored as `set@version#rule` (nhc-20@10#high-risk) so a
 * measure keeps the exact rule it was decided by; on screen it reads as the edition's and the rule's names.
 * The seeded editions' notes were written in working English; while an administrator has not reworded
 * one, it shows in the reader's language.
 */
import type { TFunction } from 'i18next';
import { EDITIONS } from '../../../domain/policy/editions';
import type { Language } from '../../app/i18n';

interface NamedSet {
  code: string;
  version: number;
  name: { zh: string; en: string };
  rules: readonly { code: string; name: { zh: string; en: string } }[];
}

/** The edition's name, its version and the rule's name of a stored rule version; null when it is not one. */
export function ruleVersionParts(version: string, lang: Language, sets: readonly NamedSet[] = []): { set: string; version: string; rule: string } | null {
  const m = /^(.+)@(\d+)#(.+)$/.exec(version);
  if (!m) return null;
  const [, setCode, v, ruleCode] = m;
  const set =
    sets.find((s) => s.code === setCode && s.version === Number(v)) ?? sets.find((s) => s.code === setCode) ?? EDITIONS.find((s) => s.code === setCode);
  const rule = set?.rules.find((r) => r.code === ruleCode);
  const pick = (n: { zh: string; en: string }) => (lang === 'en' ? n.en : n.zh);
  return { set: set ? pick(set.name) : setCode, version: v, rule: rule ? pick(rule.name) : ruleCode };
}

/** "二十条优化措施 第 10 版 · 高风险地区来返" for `nhc-20@10#high-risk`; `sets` are those the page already has. */
export function ruleVersionLabel(version: string, lang: Language, t: TFunction, sets: readonly NamedSet[] = []): string {
  const parts = ruleVersionParts(version, lang, sets);
  return parts ? t('monitoring.policy.ruleVersion', parts) : version;
}

/** "二十条优化措施 第 10 版": the edition a rule version belongs to. */
export function ruleSetLabel(version: string, lang: Language, t: TFunction): string {
  const parts = ruleVersionParts(version, lang);
  return parts ? t('monitoring.policy.setVersion', parts) : version;
}

/** The note under an edition: the seeded note in the reader's language, or the administrator's own words. */
export function policySourceText(set: { code: string; source: string }, t: TFunction): string {
  const seeded = EDITIONS.find((e) => e.code === set.code);
  return seeded && seeded.source === set.source ? t(`monitoring.policy.sources.${set.code}`) : set.source;
}
