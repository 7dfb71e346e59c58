import { ageOn, maskIdNumber, maskPhone } from '../../../domain/residents/identity';
import { pathInScope, type Scope } from '../../platform/scope';
import { maskAreaName } from '../residents';
import type { ConflictRow, DeploymentRow, EnlistmentRow, OrgRow, VolunteerRow } from './repo';

/** What the API shows: ID numbers and phones always masked, as in the resident registry. */
export function toVolunteerView(r: VolunteerRow, today: string) {
  return {
    id: r.id,
    name: r.name,
    idType: r.id_type,
    idNumber: maskIdNumber(r.id_number),
    sex: r.sex,
    // Part of the ID number: beside the masked number only the age is shown, as in the registry.
    birthDate: r.id_number ? null : r.birth_date,
    age: r.birth_date ? ageOn(r.birth_date, today) : null,
    phone: maskPhone(r.phone),
    residentId: r.resident_id,
    areaId: r.area_id,
    areaPath: r.area_path,
    areaName: r.area_name,
    category: r.category,
    skills: r.skills,
    availability: r.availability ?? null,
    healthStatus: r.health_status,
    emergencyContact: r.emergency_name || r.emergency_phone ? { name: r.emergency_name, phone: maskPhone(r.emergency_phone) } : null,
    userId: r.user_id,
    status: r.status,
    notes: r.notes,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** The enlistment token is the branch's QR code: shown only to those who manage or approve. */
export function toOrgView(o: OrgRow, showToken: boolean) {
  return {
    id: o.id,
    parentId: o.parent_id,
    kind: o.kind,
    name: o.name,
    areaId: o.area_id,
    areaPath: o.area_path,
    areaName: o.area_name,
    place: o.place,
    startsOn: o.starts_on,
    endsOn: o.ends_on,
    closedAt: o.closed_at ? new Date(o.closed_at).toISOString() : null,
    secretaryId: o.secretary_id,
    secretaryName: o.secretary_name,
    memberCount: o.member_count,
    enlistToken: showToken ? o.enlist_token : null,
    notes: o.notes,
  };
}

export function toEnlistmentView(e: EnlistmentRow, residentId: number | null = null) {
  return {
    id: e.id,
    orgId: e.org_id,
    orgName: e.org_name,
    status: e.status,
    name: e.name,
    idType: e.id_type,
    idNumber: maskIdNumber(e.id_number),
    sex: e.sex,
    birthDate: e.id_number ? null : e.birth_date,
    phone: maskPhone(e.phone),
    category: e.category,
    skills: e.skills,
    availability: e.availability ?? null,
    healthStatus: e.health_status,
    emergencyContact: e.emergency_name || e.emergency_phone ? { name: e.emergency_name, phone: maskPhone(e.emergency_phone) } : null,
    pledge: e.pledge,
    address: e.address,
    submitCount: e.submit_count,
    sameIdCount: e.same_id_count,
    submittedAt: new Date(e.submitted_at).toISOString(),
    updatedAt: new Date(e.updated_at).toISOString(),
    decidedAt: e.decided_at ? new Date(e.decided_at).toISOString() : null,
    decidedBy: e.decided_by_name,
    refusalReason: e.refusal_reason,
    volunteerId: e.volunteer_id,
    residentId,
  };
}

/** Conflicts elsewhere are flagged; where the other place lies outside the caller's scope, only that it exists is shown. */
export function toDeploymentViews(scope: Scope, rows: DeploymentRow[], conflicts: ConflictRow[]) {
  const byId = new Map<number, ConflictRow[]>();
  for (const c of conflicts) byId.set(c.deployment_id, [...(byId.get(c.deployment_id) ?? []), c]);
  return rows.map((d) => ({
    id: d.id,
    volunteerId: d.volunteer_id,
    volunteerName: d.volunteer_name,
    teamId: d.team_id,
    teamName: d.team_name,
    orgId: d.org_id,
    areaId: d.area_id,
    areaPath: d.area_path,
    areaName: d.area_name,
    place: d.place,
    startsOn: d.starts_on,
    endsOn: d.ends_on,
    role: d.role,
    hoursPerDay: d.hours_per_day,
    cancelledAt: d.cancelled_at ? new Date(d.cancelled_at).toISOString() : null,
    notes: d.notes,
    conflicts: (byId.get(d.id) ?? []).map((c) => {
      const visible = pathInScope(scope, c.area_path);
      return {
        deploymentId: visible ? c.other_id : null,
        volunteerId: c.volunteer_id,
        volunteerName: c.volunteer_name,
        place: visible ? c.place : null,
        areaName: visible ? c.area_name : maskAreaName(c.area_name),
        startsOn: c.starts_on,
        endsOn: c.ends_on,
      };
    }),
  }));
}
