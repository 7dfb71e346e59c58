/**
 * The column-mapping rules the import wizard checks before asking the server to validate: every
 * required field mapped, no field mapped twice. The shapes are the contracts' (domain/residents/api).
 */
import { IMPORT_FIELDS, type ImportField, type ImportStatus, REQUIRED_FIELDS } from '../../../domain/residents/api';

/** A field a column can feed, as the mapping step offers it. */
export interface FieldChoice {
  key: ImportField;
  required: boolean;
}

/** The fields a column can feed, in the order the mapping step lists them (used when the server sends none). */
export const FIELD_CHOICES: FieldChoice[] = IMPORT_FIELDS.map((key) => ({ key, required: REQUIRED_FIELDS.includes(key) }));

/** header → field key, or null for "ignore this column". */
export type Mapping = Record<string, ImportField | null>;

/** The server's suggestion, restricted to known fields and to one column per field. */
export function initialMapping(headers: string[], suggested: Record<string, string | null> | undefined, fields: FieldChoice[]): Mapping {
  const known = new Set<string>(fields.map((f) => f.key));
  const taken = new Set<string>();
  const m: Mapping = {};
  for (const h of headers) {
    const f = suggested?.[h] ?? null;
    if (f && known.has(f) && !taken.has(f)) {
      m[h] = f as ImportField;
      taken.add(f);
    } else m[h] = null;
  }
  return m;
}

export interface MappingProblems {
  /** Required fields no column feeds. */
  missing: string[];
  /** Fields fed by more than one column. */
  duplicated: string[];
}

export function mappingProblems(mapping: Mapping, fields: FieldChoice[]): MappingProblems {
  const counts = new Map<string, number>();
  for (const f of Object.values(mapping)) if (f) counts.set(f, (counts.get(f) ?? 0) + 1);
  // Rows without an area column go to the default area chosen at upload (or the user's scope).
  const missing = fields.filter((f) => f.required && !counts.has(f.key)).map((f) => f.key);
  return { missing, duplicated: [...counts].filter(([, n]) => n > 1).map(([k]) => k) };
}

/** Percent done of a validating or committing job; 0 while the total is still unknown. */
export function progressPercent(job: { status: ImportStatus; progress: { rows: number; total: number | null; percent?: number } }): number {
  if (job.status === 'validated' || job.status === 'done') return 100;
  const { rows, total, percent } = job.progress ?? { rows: 0, total: null };
  if (typeof percent === 'number') return Math.max(0, Math.min(99, Math.floor(percent)));
  if (!total) return 0;
  return Math.min(99, Math.floor((rows / total) * 100));
}

export const isRunning = (s: ImportStatus) => s === 'validating' || s === 'committing';
