import { maskName } from '../../../domain/help/policy';
import { maskPhone } from '../../../domain/residents/identity';
import type { ListRow, RequestRow } from './sql-parts';

/** Names and phones leave the server masked everywhere; the address only on the request's page and to its deliverer. */
export function toListItem(r: ListRow) {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind as never,
    status: r.status as never,
    step: r.queue,
    tier: r.tier,
    channel: r.channel as never,
    name: r.name ? maskName(r.name) : null,
    phone: maskPhone(r.phone),
    need: r.need,
    areaId: r.area_id,
    areaName: r.area_name,
    groups: r.groups,
    createdAt: r.created_at,
    stepSince: r.step_since,
    dueAt: r.due_at,
    overdue: r.overdue,
    escalationLevel: r.escalation_level,
    merged: r.merged_count,
  };
}

export function toDetail(r: RequestRow) {
  return {
    ...toListItem(r),
    address: r.address,
    residentId: r.resident_id,
    householdId: r.household_id,
    externalRef: r.external_ref,
    decisions: r.decisions,
    delivererUserId: r.deliverer_user_id,
    delivererName: r.deliverer_name,
    deliveredAt: r.delivered_at,
    proof: r.proof,
    closedAt: r.closed_at,
    closedWithin: r.closed_within,
    publicNote: r.public_note,
    satisfaction: r.satisfaction,
    followUpNote: r.follow_up_note,
    transfer: r.transfer_area_id
      ? {
          areaId: r.transfer_area_id,
          areaName: r.transfer_area_name ?? '',
          groupId: r.transfer_group_id,
          groupName: r.transfer_group_name,
          reason: r.transfer_reason ?? '',
        }
      : null,
    transferRefusedReason: r.transfer_refused_reason,
    advanceYuan: r.advance_cents === null ? null : r.advance_cents / 100,
    advanceSettledAt: r.advance_settled_at,
  };
}

/** 我的代办: the address delivery needs; the name and phone masked. */
export function toDelivery(r: RequestRow) {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind as never,
    need: r.need,
    name: r.name ? maskName(r.name) : null,
    phone: maskPhone(r.phone),
    address: r.address,
    areaName: r.area_name,
    dueAt: r.due_at,
    overdue: r.overdue,
  };
}
