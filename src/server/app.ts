import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config';
import { type Db, openDb } from './db/engine';
import { withPrimaryFallback } from './db/replica-fallback';
import { migrate } from './db/migrate';
import { registerAccessControl, registerPublic } from './platform/access';
import { registerErrorHandler } from './platform/error-handler';
import { registerInputGuard } from './platform/input-guard';
import { JobQueue } from './platform/jobs';
import { responseSerializerCompiler, utf8Payload } from './platform/serializer';
import { SessionStore } from './platform/sessions';
import { vacuumWhereDue } from './platform/pglite-vacuum';
import { purgeThrottles, signInThrottle } from './platform/shared-throttles';
import { VERSION } from './version';
import { areaRoutes } from './modules/areas/routes';
import { auditRoutes } from './modules/audit/routes';
import { defineAuditJobs } from './modules/audit';
import { authRoutes } from './modules/auth/routes';
import { healthRoutes } from './modules/health/routes';
import { residentImportRoutes } from './modules/residents/import-routes';
import { residentRoutes } from './modules/residents/routes';
import { taskRoutes } from './modules/tasks/routes';
import { policyRoutes } from './modules/policy/routes';
import { monitoringRoutes } from './modules/monitoring/routes';
import { overviewRoutes } from './modules/overview/routes';
import { samplingRoutes } from './modules/sampling/routes';
import { checkpointRoutes } from './modules/checkpoints/routes';
import { suppliesRoutes } from './modules/supplies/routes';
import { tracingRoutes } from './modules/tracing/routes';
import { zonesRoutes } from './modules/zones/routes';
import { helpRoutes } from './modules/help/routes';
import { inspectionRoutes } from './modules/inspections/routes';
import { fieldworkRoutes } from './modules/fieldwork/routes';
import { vaccinationRoutes } from './modules/vaccination/routes';
import { enterpriseRoutes } from './modules/enterprises/routes';
import { commandGroupRoutes } from './modules/command/routes';
import { photoRoutes } from './modules/photos/routes';
import { screeningRoutes } from './modules/screening/routes';
import { reportRoutes } from './modules/reports/routes';
import { lifecycleRoutes } from './modules/lifecycle/routes';
import { defineLifecycleJobs } from './modules/lifecycle';
import { defineMonitoringJobs } from './modules/monitoring';
import { userRoutes } from './modules/users/routes';
import { volunteerRoutes } from './modules/volunteers/routes';

const webDist = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export interface AppOptions {
  config: Config;
  /** An open, migrated database; when absent the app opens and migrates one from the config and closes it on close. */
  db?: Db;
  /** Serve the built web app from dist/web (off in API tests). */
  serveWeb?: boolean;
  /** The clock sessions and the sign-in throttle measure time by (tests move a fake one forward). */
  now?: () => number;
}

/** Builds the whole server from settings. Tests build it too, and talk to it through `app.inject`. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const db =
    opts.db ??
    (await openDb({
      dataDir: config.DATA_DIR,
      databaseUrl: config.DATABASE_URL,
      poolSize: config.DATABASE_POOL_SIZE,
      guardTransactions: config.NODE_ENV !== 'production',
    }));
  if (!opts.db) await migrate(db);

  const headersMs = config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000;
  const app = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: trustProxyOf(config.TRUST_PROXY),
    // A slowly sent request cannot hold a connection: headers, the whole request, and silence are bounded.
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    connectionTimeout: config.HTTP_IDLE_TIMEOUT_SECONDS * 1000,
    // Node checks the two deadlines above only this often (30 s by default): often enough for short settings.
    http: { headersTimeout: headersMs, connectionsCheckingInterval: Math.max(100, Math.min(30_000, headersMs / 4)) },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorate('db', db);
  // The replica's pool, in the primary's schema (a test file's own); PGlite has one database, so reads stay on it.
  // An unreachable replica's reads are answered by the primary (replica-fallback.ts).
  const readDb =
    db.engine === 'postgres' && config.DATABASE_REPLICA_URL
      ? withPrimaryFallback(
          await openDb({
            databaseUrl: config.DATABASE_REPLICA_URL,
            poolSize: config.DATABASE_POOL_SIZE,
            schema: db.schema ?? undefined,
            readOnly: true,
            guardTransactions: config.NODE_ENV !== 'production',
            connectTimeoutMs: 3_000,
          }),
          db,
          {
            retryAfterMs: config.DATABASE_REPLICA_RETRY_SECONDS * 1000,
            onDown: (e) => app.log.warn({ err: e }, 'read replica unreachable: its reads go to the primary until it answers again'),
            onUp: () => app.log.info('read replica answers again: reports and the overview read it'),
          },
        )
      : db;
  app.decorate('readDb', readDb);
  if (readDb !== db) app.addHook('onClose', async () => readDb.close());
  const jobs = await JobQueue.start(db, {
    timeZone: config.TIME_ZONE,
    log: app.log,
    keepDays: config.JOBS_KEEP_DAYS,
    // Its own connection holds this process's life-lock, on the configured database (not a test file's schema).
    databaseUrl: db.engine === 'postgres' && !db.schema ? config.DATABASE_URL : undefined,
  });
  app.decorate('jobs', jobs);
  // Before the server stops: no new jobs are taken, and running ones finish (or are handed back at the next start).
  app.addHook('preClose', async () => jobs.stop());
  app.decorate('timeZone', config.TIME_ZONE);
  app.decorate('followUpHorizonDays', config.FOLLOW_UP_HORIZON_DAYS);
  app.decorate('measuresAutoConfirm', config.MEASURES_AUTO_CONFIRM);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler({ verify: config.VERIFY_RESPONSES }));
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    if (req.routeOptions.url?.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return utf8Payload(payload);
  });
  if (!opts.db) app.addHook('onClose', async () => db.close());

  await app.register(cookie);
  // Security headers from helmet, built once: helmet's middleware (and the Fastify wrapper) rebuilds the policy's
  // text on every request — 4 % of the server's CPU per checkpoint crossing at a rush. Nothing in them depends on
  // the request, so they are captured once and set as they are.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its styles at run time; the swagger page needs inline styles too.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        // 'wasm-unsafe-eval' lets the desk page compile the barcode reader's WebAssembly (camera scanning);
        // it allows no JavaScript eval.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  const headerList: Array<[string, string]> = [];
  securityHeaders(
    {} as never,
    { setHeader: (name: string, value: unknown) => headerList.push([name, String(value)]), removeHeader: () => {} } as never,
    (err?: unknown) => {
      if (err) throw err;
    },
  );
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of headerList) reply.raw.setHeader(name, value);
    done();
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'wangge API', version: VERSION, description: 'Grid-based public-health emergency platform' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'wg_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The docs page and its files are public on purpose; every other route declares its access (platform/access.ts).
  await registerPublic(app, async (scope) => {
    await scope.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });

  registerErrorHandler(app);
  registerInputGuard(app);
  const now = opts.now ?? Date.now;
  const sessions = new SessionStore(db, config.SESSION_IDLE_HOURS * 3_600_000, config.SESSION_MAX_HOURS * 3_600_000, now);
  registerAccessControl(app, sessions);
  // In memory on PGlite; on PostgreSQL in the database, so several server processes keep one count.
  const limiter = signInThrottle(
    db,
    {
      freeFailures: config.LOGIN_FAILURES_BEFORE_DELAY,
      maxDelayMs: config.LOGIN_DELAY_MAX_SECONDS * 1000,
      maxFailuresPerAddress: config.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowMs: config.LOGIN_WINDOW_MINUTES * 60_000,
    },
    now,
  );

  await app.register(healthRoutes);
  await app.register(authRoutes, { deps: { db, sessions, limiter }, config });
  await app.register(areaRoutes);
  await app.register(userRoutes, { sessions });
  await app.register(auditRoutes);
  await app.register(residentRoutes);
  await app.register(residentImportRoutes, { config });
  await app.register(volunteerRoutes, { enlistMaxPerAddress: config.ENLIST_MAX_PER_ADDRESS, enlistWindowMinutes: config.ENLIST_WINDOW_MINUTES });
  await app.register(taskRoutes);
  await app.register(policyRoutes);
  await app.register(monitoringRoutes);
  await app.register(overviewRoutes);
  await app.register(samplingRoutes, { config });
  await app.register(screeningRoutes, { config });
  await app.register(reportRoutes);
  await app.register(checkpointRoutes, { rosterFillSeconds: config.ROSTER_FILL_SECONDS });
  await app.register(tracingRoutes, { config });
  await app.register(suppliesRoutes);
  await app.register(zonesRoutes);
  await app.register(helpRoutes, {
    maxPerAddress: config.HELP_MAX_PER_ADDRESS,
    windowMinutes: config.HELP_WINDOW_MINUTES,
    mergeMinutes: config.HELP_MERGE_MINUTES,
    importMaxMb: config.IMPORT_MAX_MB,
    dataDir: config.DATA_DIR,
  });
  await app.register(inspectionRoutes);
  await app.register(fieldworkRoutes);
  await app.register(vaccinationRoutes);
  await app.register(enterpriseRoutes, { config });
  await app.register(commandGroupRoutes);
  await app.register(lifecycleRoutes);
  await app.register(photoRoutes);
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  if (opts.serveWeb && existsSync(webDist)) {
    await registerPublic(app, async (scope) => {
      // The build writes .br/.gz siblings (tools/vite-precompress.ts): sent as the browser accepts, never compressed
      // per request. Hashed files under /assets/ never change, so they are kept a year; everything else (the page,
      // the service worker, the manifest) is checked with the server each time, or a new version would never arrive.
      await scope.register(fastifyStatic, {
        root: webDist,
        wildcard: false,
        preCompressed: true,
        cacheControl: false,
        setHeaders: (reply, file) => void reply.header('cache-control', cacheControlOf(path.relative(webDist, file))),
      });
      // Client-side routes (/areas, /admin/users …) all load the single page.
      // Files found at start get their own routes (wildcard: false); everything else not under /api is the SPA.
      scope.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (req, reply) => {
        if (req.url.startsWith('/api/') || decodeURIComponentSafe(req.url).startsWith('/api/')) return reply.callNotFound();
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      });
    });
  }
  // Background work runs on the job queue (platform/jobs.ts): retries, schedules and one-at-a-time are its.
  // Expired sessions are purged hourly; nothing depends on the purge for correctness.
  await jobs.define({ name: 'platform.sessions-purge', policy: 'stately', cron: '17 * * * *', run: async () => void (await sessions.purgeExpired()) });
  // The shared throttles' rows (PostgreSQL) once no window or wait reads them.
  const throttleKeepMs =
    Math.max(config.LOGIN_WINDOW_MINUTES, config.HELP_WINDOW_MINUTES, config.ENLIST_WINDOW_MINUTES) * 60_000 + config.LOGIN_DELAY_MAX_SECONDS * 1000;
  if (db.engine === 'postgres')
    await jobs.define({
      name: 'platform.throttles-purge',
      policy: 'stately',
      cron: '23 * * * *',
      run: async () => void (await purgeThrottles(db, throttleKeepMs)),
    });
  // PGlite has no autovacuum: a few tables at a time every five minutes, where autovacuum's thresholds say so.
  if (db.engine === 'pglite')
    await jobs.define({ name: 'platform.pglite-vacuum', policy: 'stately', cron: '*/5 * * * *', run: async () => void (await vacuumWhereDue(db)) });
  // Measures past their end → release check; missed follow-ups → tasks (MONITORING_SWEEP_MINUTES, 0 = off).
  await defineAuditJobs(jobs, db, { timeZone: config.TIME_ZONE, log: app.log });
  await defineLifecycleJobs(jobs, db);
  await defineMonitoringJobs(jobs, db, { minutes: config.MONITORING_SWEEP_MINUTES, timeZone: config.TIME_ZONE, horizonDays: config.FOLLOW_UP_HORIZON_DAYS });
  return app;
}

/**
 * TRUST_PROXY as Fastify takes it: a hop count becomes "trust the nearest n addresses" (Fastify refuses a
 * bare number), a list of proxy addresses is trusted only when the request really came through one of them.
 */
function trustProxyOf(setting: Config['TRUST_PROXY']) {
  if (setting === false) return false;
  if (typeof setting === 'number') return (_address: string, hop: number) => hop < setting;
  return setting;
}

/** A built file's Cache-Control, by its path inside the build: hashed assets for good, the rest revalidated. */
export function cacheControlOf(relativePath: string): string {
  return /^assets[\\/]/.test(relativePath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function decodeURIComponentSafe(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
