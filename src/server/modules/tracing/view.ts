import { maskIdNumber, maskPhone } from '../../../domain/residents/identity';
import { maskName } from '../../../domain/sampling/rules';
import type { CaseRow, ContactRow, TrajectoryRow } from './repo';

/** Answers of the tracing module: names masked in the case list, numbers masked everywhere. */
export function toCaseListItem(c: CaseRow) {
  return {
    id: c.id,
    residentId: c.resident_id,
    name: maskName(c.name),
    areaId: c.area_id,
    areaName: c.area_name,
    classification: c.classification,
    onsetOn: c.onset_on,
    testedOn: c.tested_on,
    reportedOn: c.reported_on,
    foundBy: c.found_by as never,
    isolatedAt: c.isolated_at,
    isolatedOn: c.isolated_on,
    contacts: c.contacts,
    toFind: c.to_find,
    createdAt: c.created_at,
  };
}

export function toTrajectoryItem(j: TrajectoryRow) {
  return {
    id: j.id,
    kind: j.kind,
    startsAt: j.starts_at,
    endsAt: j.ends_at,
    place: j.place,
    areaId: j.place_area_id,
    areaName: j.place_area_name,
    samplingPointId: j.sampling_point_id,
    postId: j.post_id,
    venueId: j.venue_id,
    transportKind: j.transport_kind as never,
    transportNumber: j.transport_number,
    seat: j.seat,
    note: j.note,
  };
}

export function toContactItem(k: ContactRow) {
  return {
    id: k.id,
    caseId: k.case_id,
    viaContactId: k.via_contact_id,
    residentId: k.resident_id,
    name: k.name,
    idNumber: maskIdNumber(k.id_number),
    phone: maskPhone(k.phone),
    areaId: k.area_id,
    areaName: k.area_name,
    level: k.level,
    lastExposureOn: k.last_exposure_on,
    place: k.place,
    exposureKind: k.exposure_kind as never,
    certainty: k.certainty,
    placement: k.placement,
    placementNote: k.placement_note,
    placedAt: k.placed_at,
    measureId: k.measure_id,
    measureKind: k.measure_kind as never,
    measureState: k.measure_state,
    measureEndsOn: k.measure_ends_on,
    taskId: k.task_id,
    taskDueAt: k.task_due_at,
    taskStatus: k.task_status,
    ruleVersion: k.rule_version,
  };
}
