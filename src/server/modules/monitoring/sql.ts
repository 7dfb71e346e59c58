/**
 * Monitoring's records lent to other modules' SQL: the daily report rolls measures, follow-ups and fever alerts
 * up by area and day inside its one statement, and home sampling asks whether a person is under a measure at
 * home. Columns others read: measures — id, resident_id, area_id, area_path, kind, place, state, starts_on,
 * ends_on, released_at (tracing shows a contact's measure beside it); follow_ups — area_id, area_path, due_at, window_ends_at, status; fever_alerts — area_id,
 * area_path, raised_at, resolved_at, visit_id, visit_at (screening keeps a month of visits an alert names). Writes go
 * through this module's services only.
 */
export const measuresAs = (alias: string): string => `measures ${alias}`;
export const followUpsAs = (alias: string): string => `follow_ups ${alias}`;
export const feverAlertsAs = (alias: string): string => `fever_alerts ${alias}`;

/** Whether a person is under a measure at home now (confirmed, running or awaiting release). */
export const underHomeMeasure = (residentId: string): string =>
  `EXISTS (SELECT 1 FROM measures m WHERE m.resident_id = ${residentId} AND m.place = 'home' AND m.state IN ('confirmed', 'active', 'release_check'))`;
