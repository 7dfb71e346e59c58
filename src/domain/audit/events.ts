/**
 * The catalogue of audit events: every kind of record the trail speaks about (its entity) and what can be done
 * to it (its actions). `audit()` accepts only a pair listed here, so a new event is added here first — and the
 * audit page then needs its label in both locale files (a unit test checks that). The strings are stored in
 * `audit_log` as they are: renaming one orphans old rows, so add, never rename.
 */
export const auditCatalogue = {
  area: ['create', 'update', 'move', 'archive', 'import-divisions', 'bootstrap', 'seed-demo', 'split_households', 'set_captain', 'clear_captain'],
  arrival: ['create'],
  /** A redaction of audit rows' personal details by the data lifecycle (migration 0030); the rows' ids in `after.ids`. */
  audit_log: ['redact'],
  checkpoint_crossing: ['record'],
  checkpoint_post: ['create', 'update', 'shifts', 'assign_shift', 'unassign_shift', 'check_in', 'handover'],
  checkpoint_roster: ['fill', 'export'],
  checkpoint_roster_policy: ['publish'],
  checkpoint_roster_request: ['create', 'accept', 'decline', 'withdraw', 'approve', 'refuse'],
  command_group: ['create', 'update', 'set_members'],
  daily_report: ['submit', 'reopen', 'export'],
  data_request: ['create', 'answer'],
  deployment: ['create', 'cancel'],
  disclosure_policy: ['update'],
  enlistment: ['submit', 'resubmit', 'approve', 'refuse'],
  fever_alert: ['raise', 'resolve'],
  follow_up: ['record', 'missed'],
  group_link: ['create', 'end'],
  help_intake_link: ['create'],
  /** Proactive care calls (主动关怀): a day's calls made under an area, a call's outcome. */
  help_outreach_call: ['prepare', 'call'],
  help_request: [
    'submit',
    'record',
    'merge',
    'step',
    'assign',
    'deliver',
    'close',
    'impossible',
    'transfer',
    'transfer_accept',
    'transfer_refuse',
    'follow_up',
    'escalate',
    'import',
    'settle_advance',
  ],
  household: ['create', 'update'],
  isolation_site: ['create', 'rooms'],
  legal_hold: ['create', 'release'],
  measure: ['propose', 'confirm', 'cancel', 'start', 'release_check', 'release', 'release_early', 'end_date', 'transfer', 'assign', 'follow_ups', 'upgrade'],
  party_org: ['create', 'update', 'move', 'add_members', 'remove_members', 'close', 'rotate_token', 'seed-demo'],
  policy_set: ['create', 'update', 'publish'],
  post: ['create', 'update', 'delete'],
  resident: ['create', 'update', 'move', 'import', 'export', 'reveal', 'merge', 'merged-into', 'dismiss-duplicate', 'read_health', 'id_taken_elsewhere'],
  resident_import: ['import', 'validate', 'export'],
  retention_policy: ['update'],
  retention_run: ['run', 'emergency_ended'],
  risk_areas: ['import'],
  risk_zone: ['declare', 'level_up', 'level_down', 'lift'],
  roster_proposal: ['confirm', 'reject'],
  role: ['update'],
  sampling_binding: ['bind', 'remove'],
  sampling_box: ['create', 'pack', 'hand_over'],
  sampling_coverage: ['export'],
  sampling_exemption: ['exempt', 'revoke'],
  sampling_flag: ['flag', 'retest'],
  sampling_point: ['create'],
  sampling_round: ['create', 'open', 'closed', 'walk_in', 'home_sampling'],
  sampling_slot_plan: ['create', 'replan', 'edit', 'export'],
  sampling_tube: ['open', 'close', 'id_lookup_miss'],
  screening_campaign: ['create', 'close'],
  screening_visit: ['visit'],
  service_record: ['create'],
  disinfection_job: ['record', 'complete', 'create'],
  disinfection_round: ['create'],
  enterprise: ['create', 'update', 'suspend'],
  enterprise_application: ['apply', 'approve', 'refuse'],
  enterprise_document: ['upload'],
  enterprise_ledger: ['submit'],
  enterprise_staff: ['import'],
  inspection: ['record'],
  inspection_checklist: ['publish'],
  inspection_plan: ['create'],
  inspection_rectification: ['report', 'reinspect', 'escalate'],
  inspection_scores: ['export'],
  inspection_target: ['create'],
  publicity_campaign: ['create', 'visit'],
  publicity_item: ['record'],
  vaccination_calls: ['create'],
  vaccination_person: ['contact', 'dose'],
  vaccination_policy: ['publish'],
  vaccination_ride: ['book'],
  vaccination_session: ['create'],
  vaccination_vehicle: ['create'],
  session: ['login', 'login-failed', 'logout', 'logout-all', 'end-session', 'end-other-sessions'],
  task: ['create', 'reassign', 'start', 'complete', 'fail'],
  team: ['create', 'update', 'disband', 'delete', 'set_members'],
  supply_donation: ['create'],
  supply_item: ['create'],
  supply_kit: ['create'],
  supply_movement: ['receipt', 'issue', 'transfer', 'count'],
  supply_policy: ['update'],
  supply_store: ['create'],
  tracing_case: ['create', 'update'],
  tracing_contact: ['add', 'merge', 'placement', 'assign'],
  tracing_assist_request: ['create', 'export', 'answer', 'import'],
  tracing_trajectory: ['add', 'remove'],
  tracing_venue: ['create', 'update'],
  /** The venue-code scans' retention sweep: how many went, which month partitions were dropped. */
  tracing_venue_visits: ['run'],
  user: ['create', 'update', 'reset-password', 'change-password'],
  volunteer: ['create', 'update', 'link_households', 'unlink_households', 'export'],
  volunteer_figures: ['export'],
  zone_distribution: ['record'],
  zone_green_channel: ['request', 'respond'],
  zone_needs: ['record'],
  zone_problem: ['create', 'close'],
} as const satisfies Record<string, readonly string[]>;

export type AuditEntity = keyof typeof auditCatalogue;
export type AuditActionOf<E extends AuditEntity> = (typeof auditCatalogue)[E][number];
export type AuditAction = AuditActionOf<AuditEntity>;
/** One (entity, action) pair of the catalogue; a pair not listed is a type error. */
export type AuditKind = { [E in AuditEntity]: { entity: E; action: AuditActionOf<E> } }[AuditEntity];

export const auditEntities = Object.keys(auditCatalogue).sort() as AuditEntity[];
export const auditActions = [...new Set(Object.values(auditCatalogue).flat())].sort() as AuditAction[];

/** Actions that hand personal data to a person (counted per user and day against the policy's threshold). */
export const disclosingActions: readonly AuditAction[] = ['reveal', 'export'];

export function isAuditKind(entity: string, action: string): boolean {
  return (auditCatalogue as Record<string, readonly string[]>)[entity]?.includes(action) ?? false;
}
