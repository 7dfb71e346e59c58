import { z } from 'zod';

/**
 * Input primitives, written once and used by every contract (server validation, web forms, offline client).
 * Each one refuses what the database or a person downstream would choke on, with a field message code the
 * error handler translates (`invalid_date`, `invalid_characters` …).
 */

/** Years a date in this product can sensibly carry: birth dates of the oldest residents to plans a few years out. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
/** The largest id an `integer` column holds: a bigger number in a path or body is refused, not sent to the database. */
export const MAX_ID = 2_147_483_647;

/** True for a real day of the Gregorian calendar written YYYY-MM-DD within MIN_YEAR..MAX_YEAR (2026-02-30 is not). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of the Gregorian calendar, worked out without a Date (ID checks run it 100,000 times a second). */
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/** A calendar date, YYYY-MM-DD: impossible days and years outside the sane range are refused. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_format')
  .refine(isCalendarDate, 'invalid_date');

/** An instant with its offset (ISO 8601), within the same years as a calendar date. */
export const instantInput = z.iso.datetime({ offset: true }).refine((s) => isCalendarDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s)), 'invalid_date');

/**
 * U+0000 (PostgreSQL text cannot hold it) and lone UTF-16 surrogates (not text at all): refused in every
 * string that reaches the server. The request guard (platform/input-guard.ts) checks whole bodies and query
 * strings; this is the same rule for one field, for forms and for schemas used outside HTTP.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the NUL character is the point
const FORBIDDEN_CHARS = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export function hasForbiddenChars(s: string): boolean {
  return FORBIDDEN_CHARS.test(s);
}

/** Trimmed text of at most `max` characters without forbidden characters (may be empty; add .min(1) for required). */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !hasForbiddenChars(s), 'invalid_characters');

/** A row id in a body. */
export const id = z.number().int().positive().max(MAX_ID);
/** A row id in a path or query string (text coerced to a number). */
export const idParam = z.coerce.number().int().positive().max(MAX_ID);
/** `/:id` routes. */
export const idParams = z.strictObject({ id: idParam });

/** Paging shared by list endpoints. */
export const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};

/** A yes/no in a query string: `true`/`false`/`1`/`0`. */
export const queryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

// ——— response shapes ———

/**
 * A point in time in an answer. Rows from the database carry `Date` objects and some services already hold
 * ISO strings; both leave the server as the same ISO 8601 text, so the browser's type is `string`.
 */
export const instant = z
  .custom<string>((v) => typeof v === 'string' || v instanceof Date, 'expected a date-time')
  .meta({ type: 'string', format: 'date-time' });

/** A calendar day in an answer (a `date` column: text YYYY-MM-DD, or a Date at midnight from some drivers). */
export const day = z.custom<string>((v) => typeof v === 'string' || v instanceof Date, 'expected a date').meta({ type: 'string', format: 'date' });

/** The one error body every route answers with on 4xx and 5xx (platform/error-handler.ts). */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Per-field problems: field name (dotted for nested fields) → text in the caller's language. */
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** A file answer (spreadsheet, printout): bytes, never serialised through a schema. */
export const fileDownload = z.unknown().meta({ type: 'string', format: 'binary' });

/** `{ ok: true }` for actions that return nothing else. */
export const okBody = z.object({ ok: z.literal(true) });

/** A page of a list: its items and the total that matched. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
