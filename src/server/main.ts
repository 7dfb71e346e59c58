import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDb } from './db/engine';
import { migrate } from './db/migrate';
import { bootstrap } from './modules/demo';

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
  const { applied, level } = await migrate(db);
  const first = await bootstrap(db, config);
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
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
