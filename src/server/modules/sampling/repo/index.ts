/**
 * SQL of mass testing. Every read takes the caller's scope. Names, birth dates and the roster come from
 * read-only joins on the registry's tables (`residents`, `resident_stays`, `households`) and grid workers
 * from `users` (home measures from `measures`, earlier home tasks from `tasks`, a mobile team from `teams`):
 * the desk answers with the name in one statement, and the round's roster is taken from the stays set-based —
 * a per-person call would cost both. Coverage itself reads counters (`sampling_roster`, `sampling_coverage`,
 * migration 0016) that triggers keep as bindings, results and exemptions are written. Two statements write into the
 * task inbox, through the SQL it lends (tasks/sql.ts): `bind` marks the person's `home_sampling` task done in the
 * same statement (the desk stays at one round trip), and `traceBackPositives` opens the retest tasks of the people
 * it flags (a lab file's 11,000 tasks are not carried out to the server and back).
 */
export * from './bindings';
export * from './boxes';
export * from './coverage';
export * from './desk';
export * from './exemptions';
export * from './home';
export * from './results';
export * from './round-figures';
export * from './rounds';
export * from './slots';
export * from './result-stage';
