import type { Queryable } from '../../db/engine';
import type { Outcome, PolicySet, Rule, Symptom, TracingPolicy } from '../../../domain/policy/rules';

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
  alert_due_minutes: number;
  alert_symptoms: string[];
  source: string | null;
  status: string;
  tracing: TracingPolicy;
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
export function publishedSets(db: Queryable): Promise<StoredSet[]> {
  return readSets(db, `status = 'published'`);
}

/** Every set, drafts too (the editor's list), newest first. */
export function allSets(db: Queryable): Promise<StoredSet[]> {
  return readSets(db, 'true');
}

async function readSets(db: Queryable, where: string): Promise<StoredSet[]> {
  const sets = await db.query<SetRow>(
    `SELECT id, code, version, name_zh, name_en, to_char(effective_from, 'YYYY-MM-DD') AS effective_from,
            to_char(effective_to, 'YYYY-MM-DD') AS effective_to, fever_threshold::text, alert_due_minutes, alert_symptoms, source, status, tracing
       FROM policy_sets WHERE ${where} ORDER BY status = 'draft' DESC, effective_from DESC, version DESC`,
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
    alertDueMinutes: s.alert_due_minutes,
    alertSymptoms: s.alert_symptoms as Symptom[],
    source: s.source ?? '',
    status: s.status,
    tracing: s.tracing,
    rules: rules.filter((r) => r.set_id === s.id).map((r) => ({ code: r.code, name: { zh: r.name_zh, en: r.name_en }, when: r.conditions, then: r.outcome })),
  }));
}

/**
 * The fever-alert rules of the published set in force on a day (the one `publishedSets` puts first among those
 * covering it), or null: one small read for the hot paths that only need these (a visit's reading at the door).
 */
export async function alertRulesOn(db: Queryable, day: string): Promise<Pick<PolicySet, 'feverThreshold' | 'alertSymptoms' | 'alertDueMinutes'> | null> {
  const [row] = await db.query<{ fever_threshold: string; alert_symptoms: string[]; alert_due_minutes: number }>(
    `SELECT fever_threshold::text, alert_symptoms, alert_due_minutes FROM policy_sets
      WHERE status = 'published' AND effective_from <= $1::date AND (effective_to IS NULL OR $1::date <= effective_to)
      ORDER BY effective_from DESC, version DESC LIMIT 1`,
    [day],
  );
  return row ? { feverThreshold: Number(row.fever_threshold), alertSymptoms: row.alert_symptoms as Symptom[], alertDueMinutes: row.alert_due_minutes } : null;
}

/** The next version number of a code (1 for a new code). */
export async function nextVersion(tx: Queryable, code: string): Promise<number> {
  const [{ v }] = await tx.query<{ v: number }>(`SELECT COALESCE(max(version), 0)::int + 1 AS v FROM policy_sets WHERE code = $1`, [code]);
  return v;
}

/** Locks a set's row for a change (drafts change, published ones never do). */
export async function lockSet(tx: Queryable, id: number): Promise<{ id: number; status: string; effective_from: string } | null> {
  const [row] = await tx.query<{ id: number; status: string; effective_from: string }>(
    `SELECT id, status, to_char(effective_from, 'YYYY-MM-DD') AS effective_from FROM policy_sets WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row ?? null;
}

/**
 * Writes a draft set and its ordered rules. A draft's effectiveFrom is a placeholder (the day it was made)
 * until publishing fixes it; it is never in force, since only published sets are read for decisions.
 */
export async function insertDraft(tx: Queryable, s: Omit<StoredSet, 'id' | 'status' | 'effectiveTo'>): Promise<number> {
  const [{ id }] = await tx.query<{ id: number }>(
    `INSERT INTO policy_sets (code, version, name_zh, name_en, effective_from, effective_to, fever_threshold, alert_symptoms, source, status, alert_due_minutes, tracing)
     VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8, 'draft', $9, $10::jsonb) RETURNING id`,
    [
      s.code,
      s.version,
      s.name.zh,
      s.name.en,
      s.effectiveFrom,
      s.feverThreshold,
      s.alertSymptoms,
      s.source || null,
      s.alertDueMinutes,
      JSON.stringify(s.tracing),
    ],
  );
  await writeRules(tx, id, s.rules);
  return id;
}

async function writeRules(tx: Queryable, setId: number, rules: Rule[]) {
  await tx.query(
    `INSERT INTO policy_rules (set_id, position, code, name_zh, name_en, conditions, outcome)
     SELECT $1, v.position, v.code, v.name_zh, v.name_en, v.conditions::jsonb, v.outcome::jsonb
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS v(position, code, name_zh, name_en, conditions, outcome)`,
    [
      setId,
      rules.map((_, i) => i + 1),
      rules.map((r) => r.code),
      rules.map((r) => r.name.zh),
      rules.map((r) => r.name.en),
      rules.map((r) => JSON.stringify(r.when)),
      rules.map((r) => JSON.stringify(r.then)),
    ],
  );
}

/** Replaces a draft's rules and the fields given. */
export async function replaceDraft(
  tx: Queryable,
  id: number,
  f: {
    name?: { zh: string; en: string };
    feverThreshold?: number;
    alertDueMinutes?: number;
    alertSymptoms?: string[];
    source?: string;
    tracing?: TracingPolicy;
    rules: Rule[];
  },
) {
  await tx.query(
    `UPDATE policy_sets SET name_zh = COALESCE($2, name_zh), name_en = COALESCE($3, name_en), fever_threshold = COALESCE($4, fever_threshold),
            alert_symptoms = COALESCE($5, alert_symptoms), source = COALESCE($6, source), alert_due_minutes = COALESCE($7, alert_due_minutes),
            tracing = COALESCE($8::jsonb, tracing)
      WHERE id = $1 AND status = 'draft'`,
    [
      id,
      f.name?.zh ?? null,
      f.name?.en ?? null,
      f.feverThreshold ?? null,
      f.alertSymptoms ?? null,
      f.source ?? null,
      f.alertDueMinutes ?? null,
      f.tracing ? JSON.stringify(f.tracing) : null,
    ],
  );
  await tx.query(`DELETE FROM policy_rules WHERE set_id = $1`, [id]);
  await writeRules(tx, id, f.rules);
}

/** Publishes a draft from a day; the set in force that day (if it began earlier) ends the day before. */
export async function publish(tx: Queryable, id: number, effectiveFrom: string, previousId: number | null) {
  if (previousId) await tx.query(`UPDATE policy_sets SET effective_to = $2::date - 1 WHERE id = $1`, [previousId, effectiveFrom]);
  await tx.query(`UPDATE policy_sets SET status = 'published', effective_from = $2, effective_to = NULL WHERE id = $1 AND status = 'draft'`, [
    id,
    effectiveFrom,
  ]);
}
