/**
 * `npm run audit:verify` — walks the audit trail's hash chain and names the first changed or missing row.
 * Uses the same settings as the server (DATA_DIR, DATABASE_URL, AUDIT_ARCHIVE_DIR); only reads. Stop the server
 * first on PGlite. The chain is walked from where its archived months end; each archived month's file found is
 * checked against its record.
 * Exit code 0 and the chain's length and last hash when it holds (note the hash somewhere else: a later run
 * that ends on another hash at the same length means the chain was rewritten); 1 with the row when not.
 */
import { verifyAuditArchives } from '../src/server/platform/audit-archive';
import { verifyAuditChain } from '../src/server/platform/audit-chain';
import { runAuditTool } from './audit-tool';

await runAuditTool({ asOwner: false }, async (db, archiveDir) => {
  const r = await verifyAuditChain(db);
  if (r.ok) {
    const archived = r.archived ? ` after ${r.archived} archived` : '';
    console.log(`audit chain holds: ${r.rows} rows${archived}, last #${r.lastSeq}, hash ${r.lastHash ?? '—'}`);
  } else {
    console.error(`audit chain broken after ${r.rows} good rows: ${r.message}`);
    process.exitCode = 1;
  }
  // The archived months' files, where they are (npm run audit:archive writes them).
  for (const a of await verifyAuditArchives(db, archiveDir)) {
    if (a.status === 'changed') {
      console.error(`archived month ${a.partition} does not hold: ${a.message}`);
      process.exitCode = 1;
    } else console.log(`archived month ${a.partition}: ${a.message}`);
  }
});
