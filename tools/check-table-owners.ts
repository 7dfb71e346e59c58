/**
 * A module's tables are read and written by that module (ARCHITECTURE.md, "Module faces"). dependency-cruiser
 * sees imports, not SQL, so this scans the SQL text of every server module for a table owned by another module.
 * Where another module needs a join for speed, the owner lends it: the table's name (and what may be read or
 * written through it) lives in the owner's `sql.ts`, exported from its face, and the caller embeds that text —
 * so the name appears in the owner's files only. A new table must be given an owner here; a new crossing is an
 * error unless it is listed in ALLOWED with the reason it is deliberate.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const MODULES = 'src/server/modules';
const MIGRATIONS = 'src/server/db/migrations';

/** Every table the migrations create → the module that owns it. `platform` tables are written by platform/. */
const OWNER: Record<string, string> = {
  areas: 'areas',
  roles: 'users',
  users: 'users',
  sessions: 'platform',
  throttle_state: 'platform',
  job_owners: 'platform',
  client_writes: 'platform',
  audit_log: 'audit',
  // Policy data (the disclosures threshold) the audit module's check reads through the policy face.
  audit_policy: 'policy',
  audit_disclosure_alerts: 'audit',
  // Where the chain stood when each archived month left the database (migration 0067; written by the owner's tool).
  audit_archives: 'audit',
  // The chain's head (migration 0067), kept by the trail's own trigger.
  audit_chain_head: 'audit',
  ...own('residents', ['households', 'residents', 'resident_stays', 'resident_duplicate_dismissals', 'resident_imports', 'resident_import_errors']),
  ...own('volunteers', [
    'party_orgs',
    'volunteers',
    'party_memberships',
    'enlistments',
    'teams',
    'team_members',
    'posts',
    'household_links',
    'group_links',
    'captains',
    'deployments',
    'service_records',
  ]),
  tasks: 'tasks',
  ...own('policy', ['policy_sets', 'policy_rules', 'retention_policy']),
  ...own('lifecycle', ['legal_holds', 'retention_runs', 'data_requests']),
  ...own('screening', ['risk_areas', 'screening_campaigns', 'screening_targets', 'screening_visits', 'arrivals', 'roster_proposals']),
  ...own('monitoring', ['isolation_sites', 'isolation_rooms', 'measures', 'follow_ups', 'follow_up_horizons', 'fever_alerts']),
  // The report's counters of arrivals, measures and follow-ups, kept by triggers on those tables (migration 0056).
  ...own('reports', ['daily_reports', 'report_arrival_days', 'report_arrival_totals', 'report_measure_counts', 'report_follow_up_counts']),
  ...own('sampling', [
    'sampling_rounds',
    'sampling_points',
    'sampling_boxes',
    'sampling_tubes',
    'sampling_bindings',
    'sampling_results',
    'sampling_flags',
    'sampling_exemptions',
    'sampling_slot_plans',
    'sampling_roster',
    'sampling_coverage',
    'sampling_round_figures',
  ]),
  ...own('help', ['help_policy', 'help_intake_links', 'help_requests', 'help_merges', 'help_outreach_lists', 'help_outreach_calls']),
  ...own('tracing', [
    'tracing_cases',
    'tracing_trajectory',
    'tracing_contacts',
    'tracing_venues',
    'tracing_venue_visits',
    'tracing_venue_policy',
    'tracing_assist_requests',
    'tracing_chain_snapshots',
    'tracing_chain_members',
    'tracing_chains',
  ]),
  ...own('zones', ['zone_rule_sets', 'risk_zones', 'risk_zone_history', 'zone_needs', 'zone_distributions', 'zone_green_channel', 'zone_problems']),
  ...own('photos', ['photos']),
  ...own('supplies', [
    'supply_items',
    'supply_kits',
    'supply_stores',
    'supply_movements',
    'supply_batches',
    'supply_movement_lines',
    'supply_stock',
    'supply_daily_use',
    'supply_policy',
    'supply_alerts',
    'supply_donations',
  ]),
  ...own('vaccination', [
    'vaccination_policy',
    'vaccination_people',
    'vaccination_doses',
    'vaccination_contacts',
    'vaccination_vehicles',
    'vaccination_sessions',
    'vaccination_rides',
  ]),
  ...own('inspections', [
    'inspection_checklists',
    'inspection_policy',
    'inspection_targets',
    'inspection_plans',
    'inspection_plan_targets',
    'inspections',
    'inspection_items',
    'inspection_rectifications',
  ]),
  ...own('fieldwork', [
    'fieldwork_policy',
    'disinfection_rounds',
    'disinfection_jobs',
    'publicity_items',
    'publicity_campaigns',
    'publicity_campaign_households',
  ]),
  ...own('enterprises', ['enterprises', 'enterprise_documents', 'enterprise_applications', 'enterprise_staff', 'enterprise_ledgers']),
  ...own('command', ['command_groups', 'command_group_members']),
  ...own('checkpoints', [
    'checkpoint_posts',
    'checkpoint_assignments',
    'checkpoint_handovers',
    'checkpoint_alerts',
    'checkpoint_crossings',
    'checkpoint_crossing_people',
    'checkpoint_crossing_days',
    'checkpoint_roster_policy',
    'checkpoint_roster_fills',
    'checkpoint_roster_requests',
  ]),
};

/**
 * Deliberate crossings, file by file. Keep this short: the way out is the owner's `sql.ts`, not a new line here.
 */
const ALLOWED: { file: string; tables: string[]; why: string }[] = [
  {
    file: 'sampling/repo/desk.ts',
    tables: ['audit_log'],
    why: "The desk's binding is one statement at the peak (ARCHITECTURE.md, sampling): its audit rows are written by that statement.",
  },
  {
    file: 'volunteers/repo/enlistments.ts',
    tables: ['audit_log'],
    why: 'The public enlistment form is one statement under a rush (ARCHITECTURE.md, volunteers): its audit row is written by it.',
  },
  {
    file: 'checkpoints/crossings-repo.ts',
    tables: ['audit_log'],
    why: 'A crossing is one statement under a rush of phones (ARCHITECTURE.md, checkpoints): its audit row is written by it.',
  },
  {
    file: 'help/intake-repo.ts',
    tables: ['audit_log'],
    why: 'A public help request is one statement under a rush (ARCHITECTURE.md, help): its audit row is written by it.',
  },
  {
    file: 'demo/',
    tables: ['*'],
    why: 'The demo seeds synthetic data in bulk into every module on a demo deployment only; not a path of real data.',
  },
];

/**
 * Crossings allowed for a while, while they move into the owner's `sql.ts` (areasAs, usersAs, householdsAs …):
 * reported, not failed. None are left; the list stays for the next large rework that must land in steps.
 */
const PENDING: { file: string; tables: string[] }[] = [];

/** Tests, their fixtures and shared worlds look at any table to prove behaviour; they are not module code. */
const NOT_MODULE_CODE = [/\.test\.ts$/, /\.cases\.ts$/, /test-fixture\.ts$/, /-world\.ts$/];

function own(module: string, tables: string[]): Record<string, string> {
  return Object.fromEntries(tables.map((t) => [t, module]));
}

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* sources(full);
    else if (/\.ts$/.test(name)) yield full.split(path.sep).join('/');
  }
}

/** The tables a migration creates that have no owner here. */
export function unownedTables(sql: string): string[] {
  return [...sql.matchAll(/create\s+(?:unlogged\s+)?table\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)/gi)]
    .map((m) => m[1].toLowerCase())
    .filter((t) => !OWNER[t] && !OWNER[monthPartitionParent(t) ?? '']);
}

/** A month partition (`<table>_y2026m12`) or the default partition of a month-partitioned table is its parent's. */
function monthPartitionParent(t: string): string | null {
  return /^(.+)_(?:y\d{4}m\d{2}|default)$/.exec(t)?.[1] ?? null;
}

// A table named after FROM, JOIN, INTO, UPDATE or TABLE in SQL text (comments and words in prose rarely match).
const TABLE_REF = new RegExp(`\\b(?:from|join|into|update|table)\\s+(${Object.keys(OWNER).join('|')})\\b`, 'gi');

/**
 * Another module's tables named in one module file (`rel`: its path under src/server/modules): the lines that
 * break the rule, and how many crossings are still listed as pending.
 */
export function crossings(rel: string, text: string): { problems: string[]; pending: number } {
  const problems: string[] = [];
  let pending = 0;
  if (NOT_MODULE_CODE.some((re) => re.test(rel))) return { problems, pending };
  const module = rel.split('/')[0];
  for (const m of text.matchAll(TABLE_REF)) {
    const table = m[1].toLowerCase();
    const owner = OWNER[table];
    if (owner === module) continue;
    if (ALLOWED.some((a) => rel.startsWith(a.file) && (a.tables.includes(table) || a.tables.includes('*')))) continue;
    if (PENDING.some((a) => rel.startsWith(a.file) && a.tables.includes(table))) {
      pending++;
      continue;
    }
    const line = text.slice(0, m.index).split('\n').length;
    problems.push(`${rel}:${line}: ${module} names ${owner}'s table ${table} — use what ${owner}'s sql.ts lends, or add it there`);
  }
  return { problems, pending };
}

function main() {
  const problems: string[] = [];
  let pending = 0;
  for (const name of readdirSync(MIGRATIONS).filter((n) => n.endsWith('.sql'))) {
    for (const t of unownedTables(readFileSync(path.join(MIGRATIONS, name), 'utf8'))) {
      problems.push(`${MIGRATIONS}/${name}: table ${t} has no owner in tools/check-table-owners.ts`);
    }
  }
  for (const file of sources(MODULES)) {
    const found = crossings(file.slice(MODULES.length + 1), readFileSync(file, 'utf8'));
    problems.push(...found.problems.map((p) => `${MODULES}/${p}`));
    pending += found.pending;
  }
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`table owners: ok (${pending} crossings still listed as pending in tools/check-table-owners.ts)`);
}

// Run as a tool (npm run lint); imported by its test, it only lends its functions.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
