/**
 * Typed domain errors. Services throw these; one handler (error-handler.ts) turns them into HTTP.
 * The domain never speaks HTTP: the status lives in this table, keyed by the error's kind.
 */
const STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rule: 422,
  too_many: 429,
} as const;

export type ErrorKind = keyof typeof STATUS;

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    /** Per-field problems: field name → message code or text. */
    readonly fields?: Record<string, string>,
  ) {
    super(code);
    this.name = 'DomainError';
  }
  get status(): number {
    return STATUS[this.kind];
  }
}

export const notFound = () => new DomainError('not_found', 'NOT_FOUND');
export const forbidden = (code = 'FORBIDDEN', params?: Record<string, unknown>) => new DomainError('forbidden', code, params);
export const conflict = (code: string, params?: Record<string, unknown>, fields?: Record<string, string>) => new DomainError('conflict', code, params, fields);
export const ruleViolation = (code: string, params?: Record<string, unknown>, fields?: Record<string, string>) => new DomainError('rule', code, params, fields);
export const badRequest = (code: string, params?: Record<string, unknown>, fields?: Record<string, string>) =>
  new DomainError('bad_request', code, params, fields);
export const tooLarge = (code: string, params?: Record<string, unknown>) => new DomainError('too_large', code, params);
export const unauthenticated = (code = 'UNAUTHENTICATED') => new DomainError('unauthenticated', code);
export const tooMany = (minutes: number) => new DomainError('too_many', 'TOO_MANY_REQUESTS', { minutes });

/** PostgreSQL unique violations become 409s in repositories that expect them. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  if (err?.code !== '23505') return false;
  return !constraint || err.constraint === constraint || (err.message ?? '').includes(constraint);
}
