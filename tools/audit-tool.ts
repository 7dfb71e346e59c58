/**
 * What the audit trail's two tools share: the server's settings, one connection (the tables' owner for a tool that
 * changes the trail), the archive folder, and exit code 2 with the list of problems when a setting is wrong.
 */
import path from 'node:path';
import { type Config, ConfigError, loadConfig } from '../src/server/config';
import { type Db, openDb } from '../src/server/db/engine';

export async function runAuditTool(p: { asOwner: boolean }, run: (db: Db, archiveDir: string, config: Config) => Promise<void>): Promise<void> {
  try {
    const config = loadConfig();
    const databaseUrl = p.asOwner ? (config.DATABASE_OWNER_URL ?? config.DATABASE_URL) : config.DATABASE_URL;
    const db = await openDb({ dataDir: config.DATA_DIR, databaseUrl, poolSize: 1 });
    try {
      await run(db, config.AUDIT_ARCHIVE_DIR ?? path.join(config.DATA_DIR, 'audit-archive'), config);
    } finally {
      await db.close();
    }
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    process.exitCode = 2;
  }
}
