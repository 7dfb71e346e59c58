/**
 * The areas module's public face: what other modules may use. The tree (areaTree) is the cached, scoped
 * view of the area hierarchy every module checks places against; areaRepo reads one area straight from the
 * database (for use inside a transaction) and creates the tree at first start.
 */
import * as repo from './repo';
import * as service from './service';
import * as tree from './tree';

export type { Area, AreaRow, NewArea } from './repo';

export const areaTree = {
  findInScope: tree.findInScope,
  childrenInScope: tree.childrenInScope,
  ancestorsInScope: tree.ancestorsInScope,
  /** Call after writing areas outside this module's services (demo, seeding) so the cache is rebuilt. */
  areasChanged: tree.areasChanged,
};

export const areaRepo = {
  findInScope: repo.findInScope,
  insertMany: repo.insertMany,
  insertRootUnscoped: repo.insertRootUnscoped,
  /** The tables whose rows carry an area path (split tables by their parents, never the audit trail). */
  pathCarryingTables: repo.pathCarryingTables,
};

export const importDivisions = service.importDivisions;
export const areasChanged = tree.areasChanged;
