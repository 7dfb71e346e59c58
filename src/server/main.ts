import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDb } from './db/engine';
import { migrate } from './db/migrate';
import { inStartupTurn } from './db/startup-lock';
import { warmFillThreads } from './modules/checkpoints';
import { bootstrap } from './modules/demo';
import { currentRole, grantAppRole, ownsAuditLog } from './platform/audit-roles';
import { warmSheetWorkers } from './platform/spreadsheets/threaded-reader';
import type { Db } from './db/engine';
import type { Config } from './config';

/**
 * Migrations run as the tables' owner when DATABASE_OWNER_URL is given, and the app's role is granted its rights
 * (never changing or removing audit rows); with one URL the app's role migrates and owns everything.
 */
async function migrateAs(db: Db, config: Config) {
  if (db.engine !== 'postgres') return migrate(db);
  if (!config.DATABASE_OWNER_URL) {
    const result = await migrate(db);
    if (await ownsAuditLog(db))
      console.warn('The app connects as the owner of audit_log, so it could rewrite the audit trail. Set DATABASE_OWNER_URL (see README).');
    return result;
  }
  const owner = await openDb({ databaseUrl: config.DATABASE_OWNER_URL, poolSize: 1 });
  try {
    const result = await migrate(owner);
    const app = await currentRole(db);
    if (app === (await currentRole(owner)))
      console.warn('DATABASE_URL and DATABASE_OWNER_URL name the same role: the audit trail is not protected from the app.');
    else await grantAppRole(owner, app);
    if (await ownsAuditLog(db)) console.warn(`The app's role ${app} still owns or may act as the owner of audit_log (a superuser?).`);
    return result;
  } finally {
    await owner.close();
  }
}

/**
 * `npm start`: settings → database → migrations → first-run data → HTTP. SIGTERM/SIGINT stop taking
 * new requests, let the ones in flight finish, then close the database cleanly.
 */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const db = await openDb({
    dataDir: config.DATA_DIR,
    databaseUrl: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    guardTransactions: config.NODE_ENV !== 'production',
  });
  // Several processes starting at once on one PostgreSQL: one migrates and loads the first run's data at a time.
  const { applied, level, first } = await inStartupTurn(config.DATABASE_URL, async () => {
    const migrated = await migrateAs(db, config);
    return { ...migrated, first: await bootstrap(db, config) };
  });
  const app = await buildApp({ config, db, serveWeb: true });
  app.addHook('onClose', async () => db.close());

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then closing the database…`);
    const force = setTimeout(() => {
      console.error('Shutdown took too long; closing anyway.');
      db.close().finally(() => process.exit(1));
    }, config.SHUTDOWN_GRACE_MS);
    force.unref();
    try {
      await app.close();
      console.log('Stopped cleanly.');
      process.exit(0);
    } catch (e) {
      console.error(e);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ host: config.HOST, port: config.PORT });
  const where = db.engine === 'pglite' ? `PGlite in ${config.DATA_DIR}` : 'PostgreSQL';
  console.log(
    `wangge is running on http://localhost:${config.PORT}  (database: ${where}, migration ${level}${applied.length ? `, applied ${applied.join(', ')}` : ''})`,
  );
  if (first) console.log(first);
  // Ready before anyone asks for a roster fill: a thread takes seconds to load its code and HiGHS.
  if (config.ROSTER_WARM_THREADS) void warmFillThreads(config.ROSTER_WARM_THREADS);
  warmSheetWorkers(config.SHEET_WARM_WORKERS);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
