/**
 * The registry's shapes, for other modules' pages that still import them from here: they are the route
 * contracts' types (domain/residents/api), which the registry's own pages import directly. Import from
 * there in new code; this file goes once nothing imports it.
 */
export type {
  Group,
  Household,
  HouseholdDetail,
  HistoryEntry,
  Relation,
  Resident,
  ResidentDetail,
  ResidentPage,
  RevealField,
  Status,
  Stay,
} from '../../../domain/residents/api';
