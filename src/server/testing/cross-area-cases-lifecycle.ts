import { type CrossCase, type CrossEnv, MARK, madeByA } from './cross-area-kit';

/** A legal hold on A's village, its reason carrying the marker. */
const holdInA = (e: CrossEnv) => madeByA(e, '/api/lifecycle/holds', { areaId: e.a.village.id, reason: `保全${MARK}` });
/** A data request in A's village, the requester named with the marker. */
const requestInA = (e: CrossEnv) =>
  madeByA(e, '/api/lifecycle/requests', { areaId: e.a.village.id, kind: 'access', requesterName: `申请人${MARK}`, details: `查阅${MARK}` });

/**
 * Cross-area cases of the data lifecycle. The retention policy, the destruction records and "emergency ended" are
 * deployment-wide and root-only: both walk users (county administrators) are refused, so there is no control.
 */
export const LIFECYCLE_CASES: Record<string, CrossCase> = {
  'GET /api/lifecycle/retention': async () => [{ url: '/api/lifecycle/retention', expect: 'denied', control: 'none' }],
  'PUT /api/lifecycle/retention/:dataClass': async () => [
    { url: '/api/lifecycle/retention/measures', body: { periodDays: 1 }, expect: 'denied', control: 'none' },
  ],
  'GET /api/lifecycle/runs': async () => [{ url: '/api/lifecycle/runs', expect: 'denied', control: 'none' }],
  'POST /api/lifecycle/emergency-ended/preview': async () => [{ url: '/api/lifecycle/emergency-ended/preview', expect: 'denied', control: 'none' }],
  'POST /api/lifecycle/emergency-ended': async () => [{ url: '/api/lifecycle/emergency-ended', body: { confirmTotal: 0 }, expect: 'denied', control: 'none' }],
  'GET /api/lifecycle/holds': async (e) => {
    await holdInA(e);
    return [{ url: '/api/lifecycle/holds', expect: 'no-leak', control: 'marker' }];
  },
  'POST /api/lifecycle/holds': async (e) => [{ url: '/api/lifecycle/holds', body: { areaId: e.a.village.id, reason: '越权保全' }, expect: 'denied' }],
  'POST /api/lifecycle/holds/:id/release': async (e) => [{ url: `/api/lifecycle/holds/${await holdInA(e)}/release`, expect: 'denied' }],
  'GET /api/lifecycle/requests': async (e) => {
    await requestInA(e);
    return [
      { url: '/api/lifecycle/requests', expect: 'no-leak', control: 'marker' },
      { url: '/api/lifecycle/requests?status=open', expect: 'no-leak', control: 'marker' },
    ];
  },
  'POST /api/lifecycle/requests': async (e) => [
    { url: '/api/lifecycle/requests', body: { areaId: e.a.village.id, kind: 'access', requesterName: '某人', details: '查阅' }, expect: 'denied' },
  ],
  'POST /api/lifecycle/requests/:id/answer': async (e) => [
    { url: `/api/lifecycle/requests/${await requestInA(e)}/answer`, body: { answer: '已答复' }, expect: 'denied' },
  ],
};
