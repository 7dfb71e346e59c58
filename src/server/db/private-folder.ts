import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The data folder holds the database (ID numbers in clear in its WAL) and the uploaded rosters, so no other
 * account on the machine may read it: folders 0700, files 0600. A start that finds it open fixes the modes;
 * when it cannot (the folder belongs to another account) it refuses to start with a message saying what to do.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export class OpenFolderError extends Error {}

type Chmod = (p: string, mode: number) => void;

/** Creates `dir` if needed and makes it and everything under it private. Returns how many entries were fixed. */
export function makePrivate(dir: string, chmod: Chmod = chmodSync): number {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  let fixed = 0;
  const visit = (p: string) => {
    const st = lstatSync(p);
    // A link is not followed: what it points to is not ours to change, and its own mode means nothing.
    if (st.isSymbolicLink()) return;
    const want = st.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    // Only the group and others bits are taken away; an owner bit the file lacks (a read-only file) stays off.
    if ((st.mode & 0o077) !== 0 || (st.isDirectory() && (st.mode & 0o700) !== 0o700)) {
      const mode = st.isDirectory() ? want : st.mode & 0o700 & ~0o077;
      try {
        chmod(p, mode);
      } catch (e) {
        throw new OpenFolderError(
          `The data folder ${dir} is open to other accounts (${p} has mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}) ` +
            `and this process cannot make it private (${(e as NodeJS.ErrnoException).code ?? String(e)}). ` +
            `As the folder's owner run: chmod -R go-rwx ${dir} — or set DATA_DIR to a folder this account owns.`,
          { cause: e },
        );
      }
      fixed++;
    }
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
  };
  visit(dir);
  return fixed;
}

/**
 * New files of this process (logs, exports, anything a library writes) are private from the start. PGlite is the
 * exception — it sets 0666 itself — hence the walks in engine.ts. Worker threads may not change the mask.
 */
export function privateFileMask() {
  try {
    process.umask(0o077);
  } catch {
    // not allowed in a worker thread
  }
}
