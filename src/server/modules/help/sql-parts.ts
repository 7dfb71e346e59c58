import { areasAs } from '../areas/sql';
import { groupsAs } from '../command/sql';
import { usersAs } from '../users/sql';

/** The columns every read of a request takes; `now` is an SQL expression (a parameter in tests with a fake clock). */
export const REQUEST_COLUMNS = (now: string) => `h.id, h.code, h.kind, h.status, h.queue, h.tier, h.channel, h.name, h.phone, h.need, h.address,
  h.area_id, h.area_path, a.name AS area_name, h.groups, h.created_at, h.step_since, h.due_at,
  (h.status IN ('triage', 'dispatch', 'delivering', 'delivered') AND h.due_at < ${now}) AS overdue,
  h.escalation_level, h.merged_count, h.resident_id, h.household_id, h.external_ref, h.decisions, h.deliverer_user_id,
  du.display_name AS deliverer_name, h.delivered_at, h.proof, h.closed_at, h.closed_within, h.public_note, h.satisfaction,
  h.follow_up_note, h.transfer_area_id, ta.name AS transfer_area_name, h.transfer_path, h.transfer_reason, h.transfer_refused_reason,
  h.transfer_group_id, tg.name AS transfer_group_name,
  h.handover_code, h.code_failures, h.policy_version, h.advance_cents, h.advance_settled_at`;
export const REQUEST_FROM = `help_requests h JOIN ${areasAs('a')} ON a.id = h.area_id LEFT JOIN ${usersAs('du')} ON du.id = h.deliverer_user_id
  LEFT JOIN ${areasAs('ta')} ON ta.id = h.transfer_area_id LEFT JOIN ${groupsAs('tg')} ON tg.id = h.transfer_group_id`;
/** The columns a board or a list reads (no joins but the area's name). */
export const LIST_COLUMNS = (now: string) => `h.id, h.code, h.kind, h.status, h.queue, h.tier, h.channel, h.name, h.phone, h.need, h.area_id,
  a.name AS area_name, h.groups, h.created_at, h.step_since, h.due_at,
  (h.status IN ('triage', 'dispatch', 'delivering', 'delivered') AND h.due_at < ${now}) AS overdue, h.escalation_level, h.merged_count`;
export const LIST_FROM = `help_requests h JOIN ${areasAs('a')} ON a.id = h.area_id`;

export interface ListRow {
  id: number;
  code: string;
  kind: string;
  status: string;
  queue: string | null;
  tier: string;
  channel: string;
  name: string | null;
  phone: string | null;
  need: string;
  area_id: number;
  area_name: string;
  groups: string[];
  created_at: Date;
  step_since: Date;
  due_at: Date;
  overdue: boolean;
  escalation_level: number;
  merged_count: number;
}

export interface RequestRow extends ListRow {
  address: string | null;
  area_path: string;
  resident_id: number | null;
  household_id: number | null;
  external_ref: string | null;
  decisions: Record<string, { option: string; note: string | null; by: string | null; at: string }>;
  deliverer_user_id: number | null;
  deliverer_name: string | null;
  delivered_at: Date | null;
  proof: 'code' | 'photo' | null;
  closed_at: Date | null;
  closed_within: boolean | null;
  public_note: string | null;
  satisfaction: number | null;
  follow_up_note: string | null;
  transfer_area_id: number | null;
  transfer_area_name: string | null;
  transfer_group_id: number | null;
  transfer_group_name: string | null;
  transfer_path: string | null;
  transfer_reason: string | null;
  transfer_refused_reason: string | null;
  handover_code: string;
  code_failures: number;
  policy_version: number;
  advance_cents: number | null;
  advance_settled_at: Date | null;
}
