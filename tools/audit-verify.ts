/**
 * `npm run audit:verify` — walks the audit trail's hash chain and names the first changed or missing row.
 * Uses the same settings as the server (DATA_DIR, DATABASE_URL); only reads. Stop the server first on PGlite.
 * Exit code 0 and the chain's length and last hash when it holds (note the hash somewhere else: a later run
 * that ends on another hash at the same length means the chain was rewritten); 1 with the row when not.
 */
import { ConfigError, loadConfig } from '../src/server/config';
import { openDb } from '../src/server/db/engine';
import { verifyAuditChain } from '../src/server/platform/audit-chain';

try {
  const config = loadConfig();
  const db = await openDb({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL, poolSize: 1 });
  try {
    const r = await verifyAuditChain(db);
    if (r.ok) console.log(`audit chain holds: ${r.rows} rows, last #${r.lastSeq}, hash ${r.lastHash ?? '—'}`);
    else {
      console.error(`audit chain broken after ${r.rows} good rows: ${r.message}`);
      process.exitCode = 1;
    }
  } finally {
    await db.close();
  }
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exitCode = 2;
  } else throw e;
}
