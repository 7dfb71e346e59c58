import type { AreaRow } from '../modules/areas';
import { type TestApp, login } from './harness';
import { readXlsx } from './sheets';

/**
 * One entry per API route: how to aim a request at area A's records. The cross-area test signs in as an
 * all-powerful user of sibling area B, sends these requests, and checks that nothing of A comes back
 * and nothing of A changes; then it sends the same requests as A's user to prove they reach real data.
 *
 * A new route without an entry here fails the test — add one the day you add the route.
 *   expect 'denied'  — B must get 400/403/404 (an id of A must look like a missing one)
 *   expect 'no-leak' — B may get 200, but no record of A may appear in the answer
 *   control          — what A's own request must show: 'marker' (2xx with A's data), 'ok' (2xx), 'none'
 */
export const MARK = 'LEAKMARK';
/** The stated purpose an export of personal data is sent with (issue 14, point 10). */
export const PURPOSE = { purpose: '跨区检查用途' };

export interface CrossEnv {
  t: TestApp;
  a: { county: AreaRow; village: AreaRow; userId: number };
  b: { county: AreaRow; village: AreaRow; userId: number };
  /** A new area in A (a grid under A's village, named with the marker), for cases that change or remove it. */
  freshAreaInA(): Promise<AreaRow>;
  freshAreaInB(): Promise<AreaRow>;
  /** A new user in A's village, named with the marker. */
  freshUserInA(): Promise<number>;
  /** A household in A's village and in B's, and a new resident in each (named with the marker in A). */
  householdInA: number;
  householdInB: number;
  freshResidentInA(): Promise<number>;
  freshResidentInB(): Promise<number>;
  /** An uploaded (not yet validated) resident import in A's village, its file named with the marker. */
  freshImportInA(): Promise<number>;
  /** Party organisations and volunteers: A's records are named with the marker; B's are plain. */
  vol: {
    /** A day the deployments of A and B cover (the walk reads hours and duty around it). */
    day: string;
    volunteerInA: number;
    volunteerInB: number;
    orgInA: number;
    orgInB: number;
    teamInA: number;
    teamInB: number;
    postInA: number;
    freshVolunteerInA(): Promise<number>;
    freshTempOrgInA(): Promise<number>;
    /** A pending enlistment submitted through the public form of A's branch (or B's). */
    freshEnlistmentInA(): Promise<number>;
    freshEnlistmentInB(): Promise<number>;
    freshDeploymentInA(): Promise<number>;
    freshGroupLinkInA(): Promise<number>;
  };
  /** Issue 5 — tasks, measures, follow-ups: A's records are named with the marker (or assigned to A's user). */
  mon: {
    /** A new manual task in A's village assigned to A's user, titled with the marker. */
    freshTaskInA(): Promise<number>;
    /** A new home-sampling task in A about a resident of A with a phone, assigned to A's user (who may call). */
    freshCallTaskInA(): Promise<number>;
    /** Tomorrow (YYYY-MM-DD): the day the doctor's list surely has follow-ups of A's active measure. */
    tomorrow: string;
    siteInA: { id: number; roomId: number };
    /** An active measure of a resident of A (named with the marker), with follow-ups and one fever alert. */
    measureInA: number;
    /** A new measure of a new resident of A, brought to the given state. */
    freshMeasureInA(state: 'proposed' | 'confirmed' | 'active' | 'release_check'): Promise<number>;
    freshFollowUpInA(): Promise<number>;
    freshAlertInA(): Promise<number>;
  };
}

export interface CrossRequest {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** For binary answers (xlsx): the text to search for A's data, since compressed bytes would hide it. */
  readBody?: (raw: Buffer) => Promise<string>;
  expect: 'denied' | 'no-leak';
  control?: 'marker' | 'ok' | 'none';
}

export type CrossCase = (e: CrossEnv) => Promise<CrossRequest[]>;

/** A spreadsheet answer as searchable text: its cells (an xlsx starts with the zip signature "PK"), or the raw text of an error body. */
export async function xlsxText(raw: Buffer): Promise<string> {
  return raw[0] === 0x50 ? JSON.stringify(await readXlsx(raw)) : raw.toString('utf8');
}

/** A record made by A's own user (named with the marker), for cases whose control changes or removes it. */
export async function madeByA(e: CrossEnv, url: string, body: unknown): Promise<number> {
  const res = await (await login(e.t.app, 'leakmark_a')).post(url, body);
  if (res.statusCode >= 300) throw new Error(res.body);
  return res.json().id as number;
}

/** Routes that act only on the caller's own session or account: checked for no change to A, no control. */
export const self: CrossCase = async () => [{ url: '', expect: 'no-leak', control: 'none' }];
