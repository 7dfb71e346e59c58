import type { Queryable } from '../../db/engine';
import type { ContactInput } from '../../../domain/tracing/schemas';

/**
 * A line list of contacts written set-based (issue 16's "1,000 contacts placed in ≤ 10 s"): the case's rows of
 * those people locked in one statement, all written in one upsert, their tasks named in one update.
 */
export interface LockedContact {
  id: number;
  resident_id: number;
  level: ContactInput['level'];
  last_exposure_on: string;
  certainty: ContactInput['certainty'];
  task_id: number | null;
}

export async function lockContactsOnCase(tx: Queryable, caseId: number, residentIds: readonly number[]): Promise<Map<number, LockedContact>> {
  const rows = await tx.query<LockedContact>(
    `SELECT id, resident_id, level, to_char(last_exposure_on, 'YYYY-MM-DD') AS last_exposure_on, certainty, task_id
       FROM tracing_contacts WHERE case_id = $1 AND resident_id = ANY($2::int[]) ORDER BY id FOR UPDATE`,
    [caseId, [...residentIds]],
  );
  return new Map(rows.map((r) => [r.resident_id, r]));
}

export interface ContactWrite {
  residentId: number;
  areaId: number;
  areaPath: string;
  input: ContactInput;
  measureId: number | null;
  ruleVersion: string | null;
}

/**
 * Inserts new contacts and merges reported ones in one statement. A row another request inserted a moment ago
 * is merged the same way (the closer level, the later exposure, the surer certainty), so two tracers entering
 * one person at once end with one contact.
 */
export async function upsertContacts(tx: Queryable, caseId: number, by: number, rows: readonly ContactWrite[]) {
  return tx.query<{ id: number; resident_id: number; task_id: number | null }>(
    `INSERT INTO tracing_contacts AS t (case_id, via_contact_id, resident_id, area_id, area_path, level, last_exposure_on, place, exposure_kind,
       certainty, measure_id, rule_version, created_by)
     SELECT $1, x.via, x.resident_id, x.area_id, x.area_path, x.level, x.last_exposure_on, x.place, x.exposure_kind, x.certainty, x.measure_id,
            x.rule_version, $2
       FROM jsonb_to_recordset($3::jsonb) AS x(via int, resident_id int, area_id int, area_path text, level text, last_exposure_on date,
              place text, exposure_kind text, certainty text, measure_id int, rule_version text)
     ON CONFLICT (case_id, resident_id) DO UPDATE SET
       via_contact_id = COALESCE(excluded.via_contact_id, t.via_contact_id),
       level = CASE WHEN array_position(ARRAY['general','secondary','close'], excluded.level) > array_position(ARRAY['general','secondary','close'], t.level)
                    THEN excluded.level ELSE t.level END,
       last_exposure_on = GREATEST(excluded.last_exposure_on, t.last_exposure_on),
       place = COALESCE(excluded.place, t.place),
       exposure_kind = excluded.exposure_kind,
       certainty = CASE WHEN array_position(ARRAY['low','medium','high'], excluded.certainty) > array_position(ARRAY['low','medium','high'], t.certainty)
                        THEN excluded.certainty ELSE t.certainty END,
       measure_id = COALESCE(excluded.measure_id, t.measure_id),
       rule_version = COALESCE(excluded.rule_version, t.rule_version),
       updated_at = now()
     RETURNING id, resident_id, task_id`,
    [
      caseId,
      by,
      JSON.stringify(
        rows.map((r) => ({
          via: r.input.viaContactId ?? null,
          resident_id: r.residentId,
          area_id: r.areaId,
          area_path: r.areaPath,
          level: r.input.level,
          last_exposure_on: r.input.lastExposureOn,
          place: r.input.place ?? null,
          exposure_kind: r.input.exposureKind,
          certainty: r.input.certainty,
          measure_id: r.measureId,
          rule_version: r.ruleVersion,
        })),
      ),
    ],
  );
}

export async function setContactTasks(tx: Queryable, pairs: readonly { id: number; taskId: number }[]) {
  if (!pairs.length) return;
  await tx.query('UPDATE tracing_contacts t SET task_id = x.task FROM unnest($1::int[], $2::int[]) AS x(id, task) WHERE t.id = x.id', [
    pairs.map((p) => p.id),
    pairs.map((p) => p.taskId),
  ]);
}
