import type { Queryable } from '../../db/engine';
import type { Outcome, PolicySet, Rule, Symptom } from '../../../domain/policy/rules';

/**
 * Policy sets and their ordered rules: deployment-wide reference data, like roles — not scoped by area.
 */
interface SetRow {
  id: number;
  code: string;
  version: number;
  name_zh: string;
  name_en: string;
  effective_from: string;
  effective_to: string | null;
  fever_threshold: string;
  alert_symptoms: string[];
  source: string | null;
  status: string;
}
interface RuleRow {
  set_id: number;
  code: string;
  name_zh: string;
  name_en: string;
  conditions: Rule['when'];
  outcome: Outcome;
}

export type StoredSet = PolicySet & { id: number; status: string };

/** Every published set with its rules, newest first. A few sets of a few rules: read whole. */
export async function publishedSets(db: Queryable): Promise<StoredSet[]> {
  const sets = await db.query<SetRow>(
    `SELECT id, code, version, name_zh, name_en, to_char(effective_from, 'YYYY-MM-DD') AS effective_from,
            to_char(effective_to, 'YYYY-MM-DD') AS effective_to, fever_threshold::text, alert_symptoms, source, status
       FROM policy_sets WHERE status = 'published' ORDER BY effective_from DESC, version DESC`,
  );
  const rules = await db.query<RuleRow>(
    `SELECT set_id, code, name_zh, name_en, conditions, outcome FROM policy_rules WHERE set_id = ANY($1::int[]) ORDER BY set_id, position`,
    [sets.map((s) => s.id)],
  );
  return sets.map((s) => ({
    id: s.id,
    code: s.code,
    version: s.version,
    name: { zh: s.name_zh, en: s.name_en },
    effectiveFrom: s.effective_from,
    effectiveTo: s.effective_to,
    feverThreshold: Number(s.fever_threshold),
    alertSymptoms: s.alert_symptoms as Symptom[],
    source: s.source ?? '',
    status: s.status,
    rules: rules.filter((r) => r.set_id === s.id).map((r) => ({ code: r.code, name: { zh: r.name_zh, en: r.name_en }, when: r.conditions, then: r.outcome })),
  }));
}
