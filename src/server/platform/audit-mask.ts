import type { AuditEntity } from '../../domain/audit/events';
import { maskIdNumber, maskPhone } from '../../domain/residents/identity';
import { maskName } from '../../domain/sampling/rules';

/**
 * What the trail keeps of a record's personal fields. The trail is shown to auditors and kept for years, so
 * it records that a field changed and roughly to what, without becoming a second copy of the registry.
 * Fields are recognised by the KIND of data their key names (any phone, any address, any birth date, the
 * names of contacts), not by a short list of exact keys, so a new `emergencyPhone` is masked the day it
 * appears. A plain `name` is personal only on records about a person (a resident's, not an area's).
 */
export type PersonalKind = 'idNumber' | 'phone' | 'birthDate' | 'address' | 'name' | 'plate';

/** Keys never copied into the trail, whatever a caller passes. */
const SECRET_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'csrf_token', 'token', 'enlist_token', 'enlistToken']);

/** Records that are about one person: their `name` (and its pinyin) is personal. */
const PERSON_ENTITIES = new Set<AuditEntity>([
  'resident',
  'household',
  'volunteer',
  'enlistment',
  'arrival',
  'follow_up',
  'fever_alert',
  'measure',
  'help_request',
]);

const KIND_BY_KEY: [RegExp, PersonalKind][] = [
  [/^id_?number$/i, 'idNumber'],
  [/phone\d*$/i, 'phone'],
  [/^(birth_?date|date_?of_?birth|dob)$/i, 'birthDate'],
  [/address/i, 'address'],
  // A contact's or a person's name wherever it appears; a bare `name` is decided by the record (below).
  [/^(emergency|contact|guardian|resident|person|patient|head)_?name$/i, 'name'],
  // A vehicle's number plate leads to its keeper as surely as a phone number does.
  [/^(licen[cs]e_?)?plate(_?no|_?number)?$/i, 'plate'],
];
const PLAIN_NAME = /^name(_?pinyin|_?initials)?$/i;

export function personalKind(key: string, entity: AuditEntity | null): PersonalKind | null {
  for (const [re, kind] of KIND_BY_KEY) if (re.test(key)) return kind;
  if (PLAIN_NAME.test(key) && entity && PERSON_ENTITIES.has(entity)) return 'name';
  return null;
}

function dayOf(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  return typeof v === 'string' ? v : null;
}

export function maskKind(kind: PersonalKind, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'idNumber':
      return typeof v === 'string' ? maskIdNumber(v) : '***';
    case 'phone':
      return typeof v === 'string' ? maskPhone(v) : '***';
    case 'birthDate': {
      // The year stays: an age band is what an auditor needs to follow a change.
      const d = dayOf(v);
      return d && /^\d{4}/.test(d) ? `${d.slice(0, 4)}-**-**` : '***';
    }
    case 'address': {
      if (typeof v !== 'string') return '***';
      // The first part (province, city, district) places the record; the rest (street, building, door) is cut.
      const chars = [...v];
      return chars.slice(0, Math.min(6, Math.floor(chars.length / 3))).join('') + '***';
    }
    case 'name':
      return typeof v === 'string' ? maskName(v) : '***';
    case 'plate': {
      // The province and city (豫P) place the vehicle; the rest, which names it, is cut but for its last character.
      if (typeof v !== 'string') return '***';
      const chars = [...v];
      return chars.length > 3 ? `${chars.slice(0, 2).join('')}***${chars[chars.length - 1]}` : '***';
    }
  }
}

/** A value as it goes into the trail: secrets dropped, personal fields masked, at any depth. */
export function scrub(entity: AuditEntity | null, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => scrub(entity, v));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET_KEYS.has(k))
        .map(([k, v]) => {
          const kind = personalKind(k, entity);
          if (!kind) return [k, scrub(entity, v)];
          return [k, Array.isArray(v) ? v.map((x) => maskKind(kind, x)) : maskKind(kind, v)];
        }),
    );
  }
  return value;
}

/** Keys whose short text is a code, not a person's words: kept when a row's details are redacted. */
const CODE_KEYS = /^(status|state|kind|action|mode|resolution|category|level|outcome)$/i;
/** Keys that lead to a person (or to a record that names one): cleared when a row's details are redacted. */
const LINK_KEYS = /(resident|household|person|volunteer|user|visit|measure|enlistment|tube|binding)_?ids?$/i;

/**
 * A row's details once the record they speak of has been anonymised or deleted by the data lifecycle: numbers,
 * flags and codes stay (what happened, how many); every text — names, numbers already masked, places, health
 * details, notes — and every link to a person is cleared. Keys stay, so the audit page still shows what changed.
 */
export function redactDetails(value: unknown, key?: string): unknown {
  if (value === null || value === undefined) return null;
  if (key && (LINK_KEYS.test(key) || personalKind(key, null))) return null;
  if (Array.isArray(value)) return value.map((v) => redactDetails(v));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactDetails(v, k)]));
  }
  if (typeof value === 'string') return key && CODE_KEYS.test(key) && value.length <= 40 ? value : null;
  return value;
}
