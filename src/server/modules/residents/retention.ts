import type { PurgeOutcome, PurgeRequest } from '../../../domain/lifecycle/classes';
import type { Queryable } from '../../db/engine';
import { heldPatterns, notHeld } from '../../platform/purge';

/**
 * Retention of an import's failing rows (the lifecycle module asks): the problems found in the rows of an
 * uploaded roster, kept while someone corrects the file. The upload itself is deleted by the upload sweep
 * (IMPORT_KEEP_DAYS); the import's own row — file name, counts — stays as the record that it happened.
 * Reference date: the import's last change. The digest is taken over the imports whose rows went.
 */
export async function purgeImportErrors(tx: Queryable, p: PurgeRequest): Promise<PurgeOutcome> {
  const where = `i.updated_at < $1 AND ${notHeld('i.area_path')}`;
  const args = [p.before, heldPatterns(p.heldPaths)];
  const rows = p.dryRun
    ? await tx.query<{ import_id: number }>(
        `SELECT e.import_id FROM resident_import_errors e JOIN resident_imports i ON i.id = e.import_id WHERE ${where}`,
        args,
      )
    : await tx.query<{ import_id: number }>(
        `DELETE FROM resident_import_errors e USING resident_imports i WHERE i.id = e.import_id AND ${where} RETURNING e.import_id`,
        args,
      );
  return { count: rows.length, ids: [...new Set(rows.map((r) => r.import_id))] };
}
