/**
 * The field work's fixed vocabulary (消杀 · 宣传). Publicity kinds and campaign checklists are policy data
 * (defaults.ts, the `fieldwork_policy` row); these are the codes the server's rules and the tables know.
 */
export const JOB_KINDS = ['routine', 'terminal'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATUSES = ['planned', 'done'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** How a place was disinfected: sprayed, wiped, fumigated, misted, or flown over by a drone. */
export const METHODS = ['spray', 'wipe', 'fumigate', 'mist', 'drone'] as const;
export type Method = (typeof METHODS)[number];
