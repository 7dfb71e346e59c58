import { maskIdNumber } from '../../../domain/residents/identity';
import type { AlertRow, FollowUpRow, MeasureRow, RoomRow, SiteRow } from './repo';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toMeasureView(m: MeasureRow) {
  return {
    id: m.id,
    residentId: m.resident_id,
    residentName: m.resident_name,
    idNumber: maskIdNumber(m.id_number),
    arrivalId: m.arrival_id,
    areaId: m.area_id,
    areaPath: m.area_path,
    areaName: m.area_name,
    kind: m.kind,
    state: m.state,
    place: m.place,
    siteId: m.site_id,
    siteName: m.site_name,
    roomId: m.room_id,
    roomCode: m.room_code,
    startsOn: m.starts_on,
    endsOn: m.ends_on,
    gridWorkerId: m.grid_worker_id,
    gridWorkerName: m.grid_worker_name,
    doctorId: m.doctor_id,
    doctorName: m.doctor_name,
    policySetId: m.policy_set_id,
    ruleVersion: m.rule_version,
    situation: m.situation,
    testDates: m.test_dates,
    followUpsPerDay: m.follow_ups_per_day,
    followUpTimes: m.follow_up_times,
    nextSteps: m.next_steps,
    previousId: m.previous_id,
    reason: m.reason,
    releasedAt: iso(m.released_at),
    createdAt: iso(m.created_at),
  };
}

export function toSiteView(s: SiteRow, rooms: RoomRow[]) {
  const mine = rooms.filter((r) => r.site_id === s.id).map((r) => ({ id: r.id, siteId: r.site_id, code: r.code, capacity: r.capacity, occupied: r.occupied }));
  return {
    id: s.id,
    name: s.name,
    address: s.address,
    areaId: s.area_id,
    areaPath: s.area_path,
    areaName: s.area_name,
    capacity: mine.reduce((n, r) => n + r.capacity, 0),
    occupied: mine.reduce((n, r) => n + r.occupied, 0),
    closedAt: iso(s.closed_at),
    rooms: mine,
  };
}

export function toFollowUpView(f: FollowUpRow) {
  return {
    id: f.id,
    measureId: f.measure_id,
    residentId: f.resident_id,
    residentName: f.resident_name,
    areaId: f.area_id,
    areaPath: f.area_path,
    areaName: f.area_name,
    doctorId: f.doctor_id,
    dueAt: iso(f.due_at),
    day: f.day,
    time: f.time,
    status: f.status,
    overdue: f.overdue,
    temperature: f.temperature === null ? null : Number(f.temperature),
    symptoms: f.symptoms,
    note: f.note,
    recordedAt: iso(f.recorded_at),
    recordedByName: f.recorded_by_name,
    alertId: f.alert_id,
  };
}

export function toAlertView(a: AlertRow) {
  return {
    id: a.id,
    followUpId: a.follow_up_id,
    measureId: a.measure_id,
    visitId: a.visit_id,
    householdId: a.household_id,
    residentId: a.resident_id,
    residentName: a.resident_name,
    areaId: a.area_id,
    areaPath: a.area_path,
    areaName: a.area_name,
    temperature: a.temperature === null ? null : Number(a.temperature),
    symptoms: a.symptoms,
    raisedAt: iso(a.raised_at),
    status: a.status,
    resolution: a.resolution,
    note: a.note,
    resolvedAt: iso(a.resolved_at),
    resolvedByName: a.resolved_by_name,
  };
}
