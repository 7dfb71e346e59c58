import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/engine';
import type { Lang } from './messages';
import { pickLang } from './messages';
import type { Scope } from './scope';
import { unauthenticated } from './errors';
import { todayIn } from './dates';

/** The signed-in person making a request. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  roles: string[];
  permissions: ReadonlySet<string>;
  scope: Scope;
  sessionId: string;
  csrfToken: string;
  /** Set after a password reset or a generated first password: only changing it is allowed until then. */
  mustChangePassword: boolean;
}

/** What a service needs to know about the request: who, from where, which request, and the database. */
export interface Ctx {
  db: Db;
  actor: Actor;
  requestId: string;
  clientIp: string;
  lang: Lang;
  /** Today's date (YYYY-MM-DD) in the deployment's time zone. */
  today: string;
  /** The background-job queue, for work that outlives the request (absent where no server runs, e.g. seeding). */
  jobs?: import('./jobs').JobQueue;
  /** The request's logger, for work that outlives the request (import jobs) and must report its failures. */
  log?: { warn(obj: unknown, msg?: string): void };
}

/** Access a route declares in `config.access`: a named permission, any signed-in user, or public. */
export type Access = { permission: string } | 'signed-in' | 'public';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** The route takes a file (multipart/form-data) instead of a JSON body: it answers a missing file itself. */
    upload?: boolean;
    /** The route stays open to a session that must change its password first (me, sign-out, change). */
    duringPasswordChange?: boolean;
  }
  interface FastifyInstance {
    db: Db;
    /**
     * Where reads that may be a moment behind go: the replica when DATABASE_REPLICA_URL is set on PostgreSQL, else
     * the same handle as `db`. Only the daily reports' sums and the overview read it (ARCHITECTURE, "Reading from a
     * replica"); it refuses writes.
     */
    readDb: Db;
    /** The background-job queue (platform/jobs.ts). */
    jobs: import('./jobs').JobQueue;
    apiRoutes: import('./access').ApiRoute[];
    timeZone: string;
    followUpHorizonDays: number;
    measuresAutoConfirm: boolean;
  }
}

export function ctxOf(req: FastifyRequest): Ctx {
  if (!req.actor) throw unauthenticated();
  return {
    db: req.server.db,
    actor: req.actor,
    requestId: String(req.id),
    clientIp: req.ip,
    lang: pickLang(req.headers['accept-language']),
    today: todayIn(req.server.timeZone),
    jobs: req.server.jobs,
    log: req.log,
  };
}
