import { maskKind } from '../../platform/audit-mask';
import type { PhotoRef } from '../../../domain/photos/api';
import type { JobRow, RoundRow } from './jobs-repo';

/** Rows → answers. An address is cut after its first part in lists, like every list's. */
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toJob(j: JobRow, whole = false) {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    areaId: j.area_id,
    areaName: j.area_name,
    place: j.place,
    address: j.address === null ? null : whole ? j.address : (maskKind('address', j.address) as string),
    roundId: j.round_id,
    plannedOn: j.planned_on,
    caseId: j.case_id,
    dueAt: iso(j.due_at),
    overdue: j.overdue,
    teamId: j.team_id,
    teamName: j.team_name,
    disinfectant: j.disinfectant,
    concentration: j.concentration,
    method: j.method,
    areaM2: j.area_m2,
    doneAt: iso(j.done_at),
    doneByName: j.done_by_name,
    createdAt: new Date(j.created_at).toISOString(),
  };
}

export function toJobDetail(j: JobRow, photos: { before: PhotoRef[]; after: PhotoRef[] }) {
  return {
    ...toJob(j, true),
    latitude: j.latitude,
    longitude: j.longitude,
    accuracyM: j.accuracy_m,
    note: j.note,
    beforePhotos: photos.before,
    afterPhotos: photos.after,
  };
}

export function toRound(r: RoundRow) {
  return {
    id: r.id,
    name: r.name,
    areaId: r.area_id,
    areaName: r.area_name,
    teamId: r.team_id,
    teamName: r.team_name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    jobs: r.jobs,
    done: r.done,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
