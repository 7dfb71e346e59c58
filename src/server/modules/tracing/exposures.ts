import { type Sighting, hourWindow, overlapMinutes, rankSightings } from '../../../domain/tracing/exposures';
import { maskPhone } from '../../../domain/residents/identity';
import { maskName } from '../../../domain/sampling/rules';
import type { Ctx } from '../../platform/context';
import { pathInScope } from '../../platform/scope';
import * as checkpoints from '../checkpoints';
import * as sampling from '../sampling';
import { mustCase } from './cases';
import * as exposuresRepo from './exposures-repo';
import * as repo from './repo';
import * as venuesRepo from './venues-repo';

/**
 * Exposure suggestions (issue 16, point 4): who the system saw at the same place as the case in the same window.
 * The places are the trajectory's rows naming a sampling point, a post or a venue, and the case's own records of
 * the look-back period (its desk bindings, crossings and check-ins) — the system knows where the case was even when
 * nobody has typed it in yet. A place outside the viewer's scope is not named (place null). Plus the case's household and building. People already contacts of the case, and the
 * case, are left out. A name outside the viewer's scope is masked (and cannot be added here: the assist request or
 * the other area's team takes it); phones are masked always.
 */
const H = 3_600_000;
/** Days before the report whose own records of the case count as places (the longest look-back of the editions). */
export const LOOKBACK_DAYS = 14;

interface Win {
  key: number;
  id: number;
  from: Date;
  to: Date;
}

export async function exposures(ctx: Ctx & { timeZone: string }, caseId: number) {
  const c = await mustCase(ctx, caseId);
  const since = new Date(Date.parse(`${c.onset_on && c.onset_on < c.reported_on ? c.onset_on : c.reported_on}T00:00:00Z`) - LOOKBACK_DAYS * 86_400_000);
  const [trajectory, contacts, ownBindings, ownCrossings, ownVisits, neighbours] = await Promise.all([
    repo.trajectoryOf(ctx.db, caseId),
    repo.contactsOf(ctx.db, caseId),
    sampling.bindingsOf(ctx.db, c.resident_id, since),
    checkpoints.crossingsOf(ctx.db, c.resident_id, since),
    venuesRepo.visitsByResident(ctx.db, c.resident_id, since),
    exposuresRepo.householdAndBuilding(ctx.db, c.resident_id),
  ]);
  // The windows per kind of place, each with a key back to the case's own time there.
  const points: Win[] = [];
  const posts: Win[] = [];
  const venues: Win[] = [];
  const caseTime = new Map<number, { from: Date; to: Date }>();
  let key = 0;
  const add = (list: Win[], id: number, from: Date, to: Date, own: { from: Date; to: Date }) => {
    key += 1;
    list.push({ key, id, from, to });
    caseTime.set(key, own);
  };
  for (const j of trajectory) {
    const w = hourWindow(j.starts_at, j.ends_at);
    const own = { from: j.starts_at, to: j.ends_at ?? new Date(j.starts_at.getTime() + H) };
    if (j.sampling_point_id) add(points, j.sampling_point_id, w.from, w.to, w);
    if (j.post_id) add(posts, j.post_id, new Date(own.from.getTime() - H / 2), new Date(own.to.getTime() + H / 2), own);
    // A visitor checked in up to an hour before the case came is assumed still there.
    if (j.venue_id) add(venues, j.venue_id, new Date(own.from.getTime() - H), own.to, own);
  }
  for (const b of ownBindings) {
    const w = hourWindow(b.bound_at, null);
    add(points, b.point_id, w.from, new Date(w.from.getTime() + H), { from: w.from, to: new Date(w.from.getTime() + H) });
  }
  for (const x of ownCrossings) {
    const at = x.at.getTime();
    add(posts, x.post_id, new Date(at - H / 2), new Date(at + H / 2), { from: x.at, to: x.at });
  }
  for (const v of ownVisits) {
    const at = v.visited_at.getTime();
    add(venues, v.venue_id, new Date(at - H), new Date(at + H), { from: v.visited_at, to: new Date(at + H) });
  }

  const [bound, crossed, visited] = await Promise.all([
    sampling.peopleBoundNear(
      ctx.db,
      points.map((w) => ({ key: w.key, pointId: w.id, from: w.from, to: w.to })),
    ),
    checkpoints.peopleCrossedNear(
      ctx.db,
      posts.map((w) => ({ key: w.key, postId: w.id, from: w.from, to: w.to })),
    ),
    venuesRepo.visitsNear(
      ctx.db,
      venues.map((w) => ({ key: w.key, venueId: w.id, from: w.from, to: w.to })),
    ),
  ]);

  // A place of another area is not named (its people are masked too): the case may have travelled.
  const placeName = (name: string, areaPath: string) => (pathInScope(ctx.actor.scope, areaPath) ? name : '');
  const sightings: Sighting[] = [];
  const written = new Map<string, { name: string | null; phone: string | null }>();
  const personKey = (residentId: number | null, phone: string | null, name: string | null) => {
    const k = residentId ? `r${residentId}` : phone ? `p${phone.replace(/\D/g, '')}` : `n${name ?? '?'}`;
    if (!residentId && !written.has(k)) written.set(k, { name, phone });
    return k;
  };
  const hourAfter = (d: Date) => new Date(d.getTime() + H);
  for (const n of neighbours) {
    sightings.push({
      key: personKey(n.resident_id, null, null),
      residentId: n.resident_id,
      source: n.same_household ? 'household' : 'building',
      place: n.address,
      from: since,
      to: new Date(`${c.isolated_on ?? ctx.today}T00:00:00Z`),
      overlapMinutes: null,
    });
  }
  for (const b of bound) {
    const own = caseTime.get(b.key)!;
    const to = hourAfter(new Date(Math.floor(b.bound_at.getTime() / H) * H));
    sightings.push({
      key: personKey(b.resident_id, null, null),
      residentId: b.resident_id,
      source: 'sampling',
      place: placeName(b.point_name, b.point_area_path),
      from: b.bound_at,
      to,
      overlapMinutes: overlapMinutes(own.from, own.to, new Date(to.getTime() - H), to),
    });
  }
  for (const x of crossed) {
    sightings.push({
      key: personKey(x.resident_id, x.phone, x.name),
      residentId: x.resident_id,
      source: 'checkpoint',
      place: placeName(x.post_name, x.post_area_path),
      from: x.at,
      to: x.at,
      overlapMinutes: 0,
    });
  }
  for (const v of visited) {
    const own = caseTime.get(v.key)!;
    sightings.push({
      key: personKey(v.resident_id, v.phone, v.name),
      residentId: v.resident_id,
      source: 'venue',
      place: placeName(v.venue_name, v.venue_area_path),
      from: v.visited_at,
      to: hourAfter(v.visited_at),
      overlapMinutes: overlapMinutes(own.from, own.to, v.visited_at, hourAfter(v.visited_at)),
    });
  }
  const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: ctx.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const known = new Set([`r${c.resident_id}`, ...contacts.map((k) => `r${k.resident_id}`)]);
  const ranked = rankSightings(sightings.filter((s) => !known.has(s.key)));
  const persons = new Map(
    (
      await exposuresRepo.people(
        ctx.db,
        ranked.flatMap((s) => (s.residentId ? [s.residentId] : [])),
      )
    ).map((p) => [p.id, p]),
  );
  return {
    caseId,
    since,
    items: ranked.map((s) => {
      const p = s.residentId ? persons.get(s.residentId) : undefined;
      const inScope = p ? pathInScope(ctx.actor.scope, p.area_path) : false;
      const raw = p ? { name: p.name, phone: p.phone } : (written.get(s.key) ?? { name: null, phone: null });
      return {
        residentId: p ? p.id : null,
        name: raw.name ? (inScope ? raw.name : maskName(raw.name)) : '—',
        phone: maskPhone(raw.phone),
        areaName: p ? p.area_name : null,
        inScope,
        addable: inScope,
        score: s.score,
        level: s.level,
        exposureKind: s.exposureKind,
        certainty: s.certainty,
        lastExposureOn: minDay(localDay.format(s.lastSeen), ctx.today),
        reasons: s.reasons.map((r) => ({ source: r.source, place: r.place || null, from: r.from, to: r.to, overlapMinutes: r.overlapMinutes })),
      };
    }),
  };
}

const minDay = (a: string, b: string) => (a < b ? a : b);
