import type { Queryable } from '../../db/engine';

/**
 * Who a task is about, for the subjects that name a person: the module that owns the subject tells which
 * resident it is (sampling: a home-sampling request is the person, a retest flag names one). Modules register
 * here at start-up, so the inbox reads people through their owners without depending on them.
 */
export type PersonOfSubject = (db: Queryable, subjectIds: number[]) => Promise<Map<number, number>>;

const people = new Map<string, PersonOfSubject>();

export function registerSubjectPerson(kind: string, personOf: PersonOfSubject) {
  people.set(kind, personOf);
}

export function hasPerson(kind: string | null): boolean {
  return !!kind && people.has(kind);
}

/** Each (kind, id) → resident id, one read per kind. */
export async function peopleOf(db: Queryable, subjects: { kind: string; id: number }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const byKind = new Map<string, number[]>();
  for (const s of subjects) if (people.has(s.kind)) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s.id]);
  for (const [kind, ids] of byKind) {
    const found = await people.get(kind)!(db, [...new Set(ids)]);
    for (const [subjectId, residentId] of found) out.set(`${kind}:${subjectId}`, residentId);
  }
  return out;
}
