import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasForbiddenChars } from '../../domain/primitives';
import { type DomainError, badRequest } from './errors';

/**
 * What no route may receive, checked once for all of them before any contract runs:
 * - a JSON body that is not valid UTF-8 (refused, not stored as U+FFFD);
 * - U+0000 or a lone surrogate in any string of a body, a query string or a path (PostgreSQL cannot store
 *   the first, the second is not text) — the answer names the field;
 * - a body sent to a route whose contract takes none (an empty body or `{}` is fine: clients send those).
 * Contracts then check each field's own rules (primitives.ts).
 */
export function registerInputGuard(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, raw: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(raw);
    } catch {
      return done(badRequest('INVALID_UTF8'), undefined);
    }
    parseJson(req, text, (err, value) => {
      if (err) return done(err, undefined);
      const bad = forbiddenAt(value, '');
      if (bad !== null) return done(invalidChars(bad || 'body'), undefined);
      done(null, value);
    });
  });

  app.addHook('preValidation', async (req: FastifyRequest) => {
    if (!req.routeOptions.url?.startsWith('/api/')) return;
    const inParams = forbiddenAt(req.params, '');
    if (inParams !== null) throw invalidChars(inParams || 'path');
    const inQuery = forbiddenAt(req.query, '');
    if (inQuery !== null) throw invalidChars(inQuery || 'query');
    if (
      !req.routeOptions.schema?.body &&
      !req.routeOptions.config?.upload &&
      req.body !== undefined &&
      req.body !== null &&
      !isEmpty(req.body) &&
      !isMultipart(req)
    ) {
      throw badRequest('BODY_NOT_EXPECTED');
    }
  });
}

function invalidChars(field: string): DomainError {
  return badRequest('INVALID_CHARACTERS', { field }, { [field]: 'invalid_characters' });
}

function isMultipart(req: FastifyRequest): boolean {
  return String(req.headers['content-type'] ?? '').startsWith('multipart/');
}

function isEmpty(body: unknown): boolean {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body.length === 0;
  return typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0;
}

/** The dotted path of the first string (value or key) holding a forbidden character, '' for the root, or null. */
export function forbiddenAt(value: unknown, at: string, depth = 0): string | null {
  if (typeof value === 'string') return hasForbiddenChars(value) ? at : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = forbiddenAt(value[i], at ? `${at}.${i}` : String(i), depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    const here = at ? `${at}.${key}` : key;
    // The key itself is shown escaped: the answer must not carry the character it refuses.
    if (hasForbiddenChars(key)) return JSON.stringify(here).slice(1, -1);
    const found = forbiddenAt(v, here, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
