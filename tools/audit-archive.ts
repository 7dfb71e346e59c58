/**
 * `npm run audit:archive` — moves the audit trail's months older than AUDIT_KEEP_MONTHS out of the database into
 * gzipped files in AUDIT_ARCHIVE_DIR (default `<DATA_DIR>/audit-archive`): each month's stretch of the chain is
 * checked as it is read, written, synced, recorded with its last hash and the file's SHA-256, and the month dropped
 * (platform/audit-archive.ts). Runs as the tables' owner (DATABASE_OWNER_URL when set; the app's role may not drop
 * the trail's months). Stop the server first on PGlite. Exit code 0 with what was archived; 1 when the chain does
 * not hold (nothing from that month on is archived).
 */
import { archiveAuditMonths } from '../src/server/platform/audit-archive';
import { runAuditTool } from './audit-tool';

await runAuditTool({ asOwner: true }, async (db, dir, config) => {
  try {
    const [{ split }] = await db.query<{ split: boolean }>(`SELECT to_regclass('audit_archives') IS NOT NULL AS split`);
    if (!split) throw new Error('the database is not migrated to this version yet (start the server once: npm start)');
    const months = await archiveAuditMonths(db, { dir, keepMonths: config.AUDIT_KEEP_MONTHS, timeZone: config.TIME_ZONE });
    if (!months.length) console.log(`nothing to archive: every month of the trail is within the last ${config.AUDIT_KEEP_MONTHS}`);
    for (const m of months)
      console.log(m.file ? `${m.partition}: rows #${m.firstSeq}…#${m.lastSeq} (${m.rows}) → ${m.file}` : `${m.partition}: no row of its own left; dropped`);
  } catch (e) {
    console.error(`audit archive stopped: ${(e as Error).message}`);
    process.exitCode = 1;
  }
});
