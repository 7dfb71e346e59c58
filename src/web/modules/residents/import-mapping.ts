/**
 * The spreadsheet import's shapes (docs/api-residents.md) and the column-mapping rules the wizard
 * checks before asking the server to validate: every required field mapped, no field mapped twice.
 */

export const IMPORT_STATUSES = ['uploaded', 'validating', 'validated', 'committing', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export type CommitMode = 'all-or-nothing' | 'valid-only';

export interface ImportField {
  key: string;
  required: boolean;
}

/** The fields a column can feed, in the order the mapping step lists them (used when the server sends none). */
export const IMPORT_FIELDS: ImportField[] = [
  { key: 'name', required: true },
  { key: 'idType', required: false },
  { key: 'idNumber', required: false },
  { key: 'sex', required: false },
  { key: 'birthDate', required: false },
  { key: 'phone', required: false },
  { key: 'phone2', required: false },
  { key: 'address', required: false },
  { key: 'villageGroup', required: false },
  { key: 'houseNo', required: false },
  { key: 'unit', required: false },
  { key: 'room', required: false },
  { key: 'relation', required: false },
  { key: 'area', required: false },
  { key: 'registeredAddress', required: false },
  { key: 'groups', required: false },
  { key: 'status', required: false },
  { key: 'awayWhere', required: false },
  { key: 'movedInOn', required: false },
  { key: 'notes', required: false },
];

export interface UploadedImport {
  id: number | string;
  status: ImportStatus;
  headers: string[];
  suggestedMapping: Record<string, string | null>;
  sheetNames?: string[];
  /** The sheet the server picked (the one that looks most like a roster). */
  sheet?: string | null;
  fields?: ImportField[];
}

export interface ImportError {
  row: number;
  column: string | null;
  reason: string;
}

export interface ImportJob {
  id: number | string;
  status: ImportStatus;
  /** `total` is unknown (null) while a file is still being read; `percent`, when sent, is the server's estimate. */
  progress: { rows: number; total: number | null; percent?: number };
  counts: { ok: number; errors: number; created: number; updated: number; unchanged: number };
  errors: ImportError[];
  failure?: string | null;
  /** The failure in the user's language, when the server words it. */
  failureMessage?: string | null;
}

/** header → field key, or null for "ignore this column". */
export type Mapping = Record<string, string | null>;

/** The server's suggestion, restricted to known fields and to one column per field. */
export function initialMapping(headers: string[], suggested: Record<string, string | null> | undefined, fields: ImportField[]): Mapping {
  const known = new Set(fields.map((f) => f.key));
  const taken = new Set<string>();
  const m: Mapping = {};
  for (const h of headers) {
    const f = suggested?.[h] ?? null;
    if (f && known.has(f) && !taken.has(f)) {
      m[h] = f;
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

export function mappingProblems(mapping: Mapping, fields: ImportField[]): MappingProblems {
  const counts = new Map<string, number>();
  for (const f of Object.values(mapping)) if (f) counts.set(f, (counts.get(f) ?? 0) + 1);
  // Rows without an area column go to the default area chosen at upload (or the user's scope).
  const missing = fields.filter((f) => f.required && !counts.has(f.key)).map((f) => f.key);
  return { missing, duplicated: [...counts].filter(([, n]) => n > 1).map(([k]) => k) };
}

/** Percent done of a validating or committing job; 0 while the total is still unknown. */
export function progressPercent(job: Pick<ImportJob, 'progress' | 'status'>): number {
  if (job.status === 'validated' || job.status === 'done') return 100;
  const { rows, total, percent } = job.progress ?? { rows: 0, total: null };
  if (typeof percent === 'number') return Math.max(0, Math.min(99, Math.floor(percent)));
  if (!total) return 0;
  return Math.min(99, Math.floor((rows / total) * 100));
}

export const isRunning = (s: ImportStatus) => s === 'validating' || s === 'committing';
