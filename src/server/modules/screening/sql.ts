/**
 * Screening's records lent to the daily report, which rolls arrivals and household visits up by area and day
 * inside its one statement. Columns others read: arrivals — area_id, area_path, origin_risk_level, arrived_on;
 * screening_visits — area_id, area_path, household_id, visited_at, outcome.
 */
export const arrivalsAs = (alias: string): string => `arrivals ${alias}`;
export const screeningVisitsAs = (alias: string): string => `screening_visits ${alias}`;
