import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { passwordProblem } from '../domain/auth/password-strength';
import { isCommonPassword } from './platform/common-passwords';
import { PASSWORD_REASONS } from './platform/messages';

/**
 * Every setting the server reads, in one schema. `loadConfig` parses the environment once at boot
 * and reports every problem at the same time, so an operator fixes them in one go.
 * Keep this list and the README's "Settings" table in step.
 */
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Data folder: the embedded PGlite database (pglite/, unused with DATABASE_URL) and uploaded files (uploads/). */
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://user:pass@host:port/db — use a real PostgreSQL server instead of PGlite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * postgres://owner:pass@host:port/db — the role that owns the tables: migrations run with it, and the app's
   * DATABASE_URL role is granted what it needs, never the right to change or remove audit rows. Unset: the app's
   * role owns the tables (one URL, as before; a warning at start).
   */
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * postgres://user:pass@replica-host:port/db — a read replica (a streaming standby) that the daily reports' sums
   * and the command overview read; every write, and the screens that show a write just made, use DATABASE_URL.
   * Ignored without DATABASE_URL (PGlite has one database). Its connections are opened read-only.
   */
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * Seconds the replica is left alone after it could not be reached: its reads go to the primary meanwhile (with a
   * warning in the log when it goes and a note when it is back), then it is tried again.
   */
  DATABASE_REPLICA_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Connections in the pool when DATABASE_URL is set. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Load the demo county (with its published password) into an empty database at start. Defaults to on,
   * except with NODE_ENV=production, which refuses it (loadConfig).
   */
  DEMO_SEED: bool.optional(),
  /** Synthetic residents loaded with the demo county, so the registry is not empty on first sight. */
  DEMO_RESIDENTS: z.coerce.number().int().min(0).max(2_000_000).default(20_000),
  /** Seed number of the synthetic demo data; the same number gives the same data. */
  DEMO_SEED_NUMBER: z.coerce.number().int().min(0).default(20220329),
  /** The local time zone of the deployment: "today" for rosters, reports and due dates. */
  TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown time zone'),
  /**
   * Minutes between sweeps of the monitoring records: measures past their end move to release check (with a
   * task), follow-ups missed past their window become tasks for the grid worker. 0 turns the sweep off.
   */
  MONITORING_SWEEP_MINUTES: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(10),
  /**
   * How many local days of follow-ups exist ahead (1 = today only, 2 = today and tomorrow). Starting or
   * changing a measure writes them this far; the sweep writes each next day's as days pass. A longer
   * horizon shows doctors more days ahead and costs more rows and a slower start for large numbers of people.
   */
  /**
   * Whether a measure the policy proposes is confirmed at once (true) or waits for a cadre's confirmation
   * (false). Confirming automatically suits the peak, when a cadre cannot read every proposal; the rule
   * version that proposed it is kept either way.
   */
  MEASURES_AUTO_CONFIRM: bool.default(false),
  FOLLOW_UP_HORIZON_DAYS: z.coerce.number().int().min(1).max(60).default(2),
  /**
   * Months of the audit trail kept in the database: `npm run audit:archive` moves each older month to a file in
   * AUDIT_ARCHIVE_DIR (the chain checked, its hash recorded). At least six, the legal minimum for logs online.
   */
  AUDIT_KEEP_MONTHS: z.coerce.number().int().min(6).max(1200).default(13),
  /** Where `npm run audit:archive` writes the trail's archived months; default `<DATA_DIR>/audit-archive`. */
  AUDIT_ARCHIVE_DIR: z.string().min(1).optional(),
  /** Without demo data, the first start creates this root area and an administrator. */
  ROOT_AREA_NAME: z.string().min(1).max(100).default('本辖区'),
  ROOT_AREA_KIND: z.enum(['province', 'city', 'county', 'town', 'street']).default('county'),
  /**
   * Password of the first administrator (user `admin`) when there is no demo data. When absent one is
   * generated, printed once, and must be changed at the first sign-in.
   */
  ADMIN_PASSWORD: z.string().min(10).max(200).optional(),
  /** How long a session lives without use, and at most (the session cookie itself ends with the browser). */
  SESSION_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(2),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(24),
  /**
   * The Secure flag on the session cookie: `auto` sets it in production and on requests that came over
   * HTTPS (as the trusted proxy reports it); `true`/`false` force it.
   */
  COOKIE_SECURE: z.union([z.literal('auto'), bool]).default('auto'),
  /**
   * Sign-in throttling. An account's failures beyond LOGIN_FAILURES_BEFORE_DELAY make each next attempt
   * wait, doubling from 1 s up to LOGIN_DELAY_MAX_SECONDS (no hard lock: the owner gets in after the wait).
   * A client address may fail LOGIN_MAX_FAILURES_PER_ADDRESS times per window (successes do not count).
   * Failures older than LOGIN_WINDOW_MINUTES are forgotten.
   */
  LOGIN_FAILURES_BEFORE_DELAY: z.coerce.number().int().min(0).max(100).default(5),
  LOGIN_DELAY_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** The public enlistment form (报到): submissions per client address per window (a branch may enlist over one office Wi-Fi). */
  ENLIST_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(60),
  ENLIST_WINDOW_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(10),
  /** The public help page (群众求助): submissions and lookups per client address per window (a family may share one phone line). */
  HELP_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(30),
  HELP_WINDOW_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(10),
  /** The same need (kind) from the same phone within this many minutes of an open request is merged into it. */
  HELP_MERGE_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(24 * 60),
  /** Largest spreadsheet accepted by the resident import, in MiB (100,000 rows of .xlsx are about 10). */
  IMPORT_MAX_MB: z.coerce.number().positive().max(2048).default(50),
  /** Uploaded spreadsheets hold personal data: they are deleted this many days after upload. */
  /** Days finished background jobs (imports, sweeps, purges) are kept in the job tables before they are deleted. */
  JOBS_KEEP_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  IMPORT_KEEP_DAYS: z.coerce.number().positive().max(365).default(7),
  /** Wall time of one checkpoint roster fill (一键排班): the greedy fill, then the optimiser until this many seconds. */
  ROSTER_FILL_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  /** Optimiser threads started with the server and kept waiting, so a fill's time goes to solving (0: started per fill). */
  ROSTER_WARM_THREADS: z.coerce.number().int().min(0).max(4).default(2),
  /** Spreadsheet reader threads started with the server and kept waiting, so a first lab file or import does not wait for one to load (0: started per file). */
  SHEET_WARM_WORKERS: z.coerce.number().int().min(0).max(2).default(1),
  /** Largest JSON body accepted, in bytes. */
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /**
   * Whose X-Forwarded-For to believe: `false` (nobody; the default), the number of proxies in front of the
   * server (`1`: the address the nearest proxy saw), or the proxies' addresses (`10.0.0.2,192.168.1.0/24`).
   * `true` is refused: it would believe an address any client writes.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, c): false | number | string[] => {
      const t = v.trim().toLowerCase();
      if (t === 'false' || t === 'no' || t === '0') return false;
      if (/^\d+$/.test(t)) return Math.min(Number(t), 10);
      if (t === 'true' || t === 'yes') {
        c.addIssue({ code: 'custom', message: 'true would trust any client; give the number of proxies (1) or their addresses' });
        return z.NEVER;
      }
      const list = t
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean);
      if (!list.length || !list.every(isAddressOrRange)) {
        c.addIssue({ code: 'custom', message: 'give a number of proxies or a comma-separated list of addresses/ranges (10.0.0.2,192.168.1.0/24)' });
        return z.NEVER;
      }
      return list;
    }),
  /**
   * HTTP timeouts, in seconds: the request headers must arrive within HTTP_HEADERS_TIMEOUT_SECONDS, the
   * whole request (a spreadsheet upload included) within HTTP_REQUEST_TIMEOUT_SECONDS, and a connection
   * silent for HTTP_IDLE_TIMEOUT_SECONDS is closed — a slowly sent request cannot hold the server.
   */
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(20),
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(300),
  HTTP_IDLE_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(300),
  /** `info` logs one line per request; the default keeps the terminal for warnings and errors. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  /** Milliseconds allowed for in-flight requests to finish on SIGTERM/SIGINT before closing anyway. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** Check every answer against its response schema with zod as well (slower; on in tests, for debugging). */
  VERIFY_RESPONSES: bool.default(false),
});

export type Config = Omit<z.infer<typeof configSchema>, 'DEMO_SEED'> & { DEMO_SEED: boolean };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses settings from an environment-like object; throws one ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set", as in most shells' `FOO= npm start`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const problems: string[] = [];
  if (c.SESSION_MAX_HOURS < c.SESSION_IDLE_HOURS) problems.push('SESSION_MAX_HOURS: must be at least SESSION_IDLE_HOURS');
  if (c.HTTP_HEADERS_TIMEOUT_SECONDS > c.HTTP_REQUEST_TIMEOUT_SECONDS) {
    problems.push('HTTP_HEADERS_TIMEOUT_SECONDS: must be at most HTTP_REQUEST_TIMEOUT_SECONDS');
  }
  // The demo's accounts share a password printed in the README: never on a production server.
  if (c.NODE_ENV === 'production' && c.DEMO_SEED === true) {
    problems.push('DEMO_SEED: the demo (with its published password) is refused with NODE_ENV=production; unset DEMO_SEED and give ADMIN_PASSWORD');
  }
  const adminProblem = c.ADMIN_PASSWORD ? passwordProblem(c.ADMIN_PASSWORD, 'admin', isCommonPassword) : null;
  if (adminProblem) problems.push(`ADMIN_PASSWORD: too weak (${PASSWORD_REASONS[adminProblem].en})`);
  if (problems.length) throw new ConfigError(problems);
  return { ...c, DEMO_SEED: c.DEMO_SEED ?? c.NODE_ENV !== 'production' };
}

/** An IPv4/IPv6 address, or one with a /prefix length. */
function isAddressOrRange(a: string): boolean {
  const [ip, bits, ...rest] = a.split('/');
  const v = isIP(ip);
  if (!v || rest.length) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (v === 4 ? 32 : 128));
}

/** Settings for tests: quiet, no demo data, everything else default. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // Uploads of each test app land in a folder of their own, never in the project's ./data.
  const dataDir = path.join(os.tmpdir(), `wangge-test-${process.pid}-${randomBytes(4).toString('hex')}`);
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_SEED: 'false', DATA_DIR: dataDir, MONITORING_SWEEP_MINUTES: '0', VERIFY_RESPONSES: 'true' }),
    ...overrides,
  };
}
