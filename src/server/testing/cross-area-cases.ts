import { PLATFORM_CASES } from './cross-area-cases-platform';
import { RESIDENT_CASES } from './cross-area-cases-residents';
import { VOLUNTEER_CASES } from './cross-area-cases-volunteers';
import { MONITORING_CASES } from './cross-area-cases-monitoring';
import type { CrossCase } from './cross-area-kit';
import { SCREENING_CASES } from './cross-area-screening';
import { SAMPLING_CASES } from './sampling-cases';
import { CHECKPOINT_CASES } from './checkpoint-cases';
import { LIFECYCLE_CASES } from './cross-area-cases-lifecycle';
import { SUPPLIES_CASES } from './supplies-cases';
import { TRACING_CASES } from './tracing-cases';
import { TRACING_EXPOSURE_CASES } from './tracing-exposure-cases';
import { ZONES_CASES } from './zones-cases';
import { HELP_CASES } from './help-cases';
import { INSPECTION_CASES } from './inspection-cases';
import { FIELDWORK_CASES } from './fieldwork-cases';
import { VACCINATION_CASES } from './vaccination-cases';
import { PHOTO_CASES } from './photo-cases';
import { ENTERPRISE_CASES } from './enterprise-cases';
import { COMMAND_CASES } from './command-cases';

export { type CrossCase, type CrossEnv, type CrossRequest, MARK } from './cross-area-kit';

/**
 * The cross-area walk's table: one entry per API route, kept by module in the files imported above (the
 * shape of an entry and what 'denied', 'no-leak' and the control mean: cross-area-kit.ts).
 */

/** Routes anyone may call without signing in. Making a route public means adding it here, on purpose. */
export const PUBLIC_ROUTES = [
  'GET /api/health',
  'POST /api/auth/login',
  'GET /api/openapi.json',
  // The enlistment form (报到): reached by a branch's QR code, no account; throttled per address.
  'GET /api/enlist/:branchToken',
  'POST /api/enlist/:branchToken',
  // The help page (群众求助): reached by an area's QR code, no account; its lookup by tracking code; throttled per address.
  'GET /api/help/intake/:token',
  'POST /api/help/intake/:token',
  'GET /api/help/track/:code',
  // A venue's scan page (场所码): reached by the venue's printed code, no account; throttled per address.
  'GET /api/tracing/scan/:token',
  'POST /api/tracing/scan/:token',
];

export const CROSS_AREA_CASES: Record<string, CrossCase> = {
  ...PLATFORM_CASES,
  ...RESIDENT_CASES,
  ...VOLUNTEER_CASES,
  ...MONITORING_CASES,
  // The risk-area list, arrivals, screening (issue 5).
  ...SCREENING_CASES,
  // Mass testing (issue 6).
  ...SAMPLING_CASES,
  // Checkpoints (issue 15).
  ...CHECKPOINT_CASES,
  // Contact tracing (issue 16).
  ...TRACING_CASES,
  ...TRACING_EXPOSURE_CASES,
  // Supplies and donations (issue 17, points 5–6).
  ...SUPPLIES_CASES,
  // Risk zones and the sealed estate's day (issue 16, points 6 and 7).
  ...ZONES_CASES,
  // Help requests (issue 17).
  ...HELP_CASES,
  // The data lifecycle (issue 14, point 12).
  ...LIFECYCLE_CASES,
  // Photos that prove field records (issue 17, 18).
  ...PHOTO_CASES,
  // Inspections and rectification (issue 18, point 4).
  ...INSPECTION_CASES,
  ...FIELDWORK_CASES,
  // Vaccination outreach (issue 18, point 3).
  ...VACCINATION_CASES,
  // Enterprises and their resumption (issue 18, point 5).
  ...ENTERPRISE_CASES,
  // The command center's standing bodies (issue 18, point 6).
  ...COMMAND_CASES,
};
