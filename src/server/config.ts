import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

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
  /** Connections in the pool when DATABASE_URL is set. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Load the demo county into an empty database at start. */
  DEMO_SEED: bool.default(true),
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
  /** Without demo data, the first start creates this root area and an administrator. */
  ROOT_AREA_NAME: z.string().min(1).max(100).default('本辖区'),
  ROOT_AREA_KIND: z.enum(['province', 'city', 'county', 'town', 'street']).default('county'),
  /** Password of the first administrator (user `admin`) when there is no demo data; printed once if absent. */
  ADMIN_PASSWORD: z.string().min(10).optional(),
  /** How long a session lives without use, and at most. */
  SESSION_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(24 * 7),
  /** Set the Secure flag on the session cookie (turn on behind HTTPS). */
  COOKIE_SECURE: bool.default(false),
  /** Login throttling: failed attempts per account, attempts per client address, per window. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** The public enlistment form (报到): submissions per client address per window (a branch may enlist over one office Wi-Fi). */
  ENLIST_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(60),
  ENLIST_WINDOW_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(10),
  /** Largest spreadsheet accepted by the resident import, in MiB (100,000 rows of .xlsx are about 10). */
  IMPORT_MAX_MB: z.coerce.number().positive().max(2048).default(50),
  /** Uploaded spreadsheets hold personal data: they are deleted this many days after upload. */
  /** Days finished background jobs (imports, sweeps, purges) are kept in the job tables before they are deleted. */
  JOBS_KEEP_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  IMPORT_KEEP_DAYS: z.coerce.number().positive().max(365).default(7),
  /** Largest JSON body accepted, in bytes. */
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Trust X-Forwarded-For from a reverse proxy to learn the client's address. */
  TRUST_PROXY: bool.default(false),
  /** `info` logs one line per request; the default keeps the terminal for warnings and errors. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  /** Milliseconds allowed for in-flight requests to finish on SIGTERM/SIGINT before closing anyway. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** Check every answer against its response schema with zod as well (slower; on in tests, for debugging). */
  VERIFY_RESPONSES: bool.default(false),
});

export type Config = z.infer<typeof configSchema>;

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
  if (parsed.data.SESSION_MAX_HOURS < parsed.data.SESSION_IDLE_HOURS) {
    throw new ConfigError(['SESSION_MAX_HOURS: must be at least SESSION_IDLE_HOURS']);
  }
  return parsed.data;
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
