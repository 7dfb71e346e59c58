import { z } from 'zod';
import { defineRoute } from '../contract';
import { calendarDate, idParam, instant } from '../primitives';
import { figures } from '../reports/api';

/**
 * The command center's overview (指挥部总览, server/modules/overview): for one area and day, the figures
 * every panel shows, each child area's share of them (to drill down county → town → village), a 14-day
 * trend, and the red list of what needs action now. The daily report's roll-up is the source of the
 * measure, follow-up, alert, arrival and visit figures, so the overview and the report never disagree.
 */

export const overviewQuery = z.strictObject({ areaId: idParam.optional(), day: calendarDate.optional() });

/** A figure that is a share: `done` of `of` (numerator and denominator, so the screen can say what it counts). */
const share = z.object({ done: z.number(), of: z.number() });

const child = z.object({
  areaId: z.number(),
  name: z.string(),
  kind: z.string(),
  /** The daily report's figures of the child (null below village level, where there is no report). */
  figures: figures.nullable(),
  /** Households visited of those to visit in the open door-to-door campaigns (null: none open here). */
  screening: share.nullable(),
  /** People sampled of those due in the open testing round (null: no open round). */
  sampling: share.nullable(),
  tasks: z.object({ open: z.number(), overdue: z.number() }),
});

/** One line of the red list: what needs someone now, and where to act on it. */
export const attentionItem = z.object({
  kind: z.enum(['fever_alert', 'positive_held', 'overdue_task']),
  /** Server-made text in the reader's language. */
  title: z.string(),
  /** An overdue task's own title, by key where the server made it, for the web to render in the reader's language. */
  task: z
    .object({ title: z.string(), titleKey: z.string().nullable(), titleParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable() })
    .optional(),
  areaName: z.string(),
  at: instant,
  /** The page of the web app where it is handled. */
  link: z.string(),
});

export const overview = z.object({
  area: z.object({ id: z.number(), name: z.string(), kind: z.string() }),
  /** The areas from the top of the caller's scope down to this one (for the breadcrumb). */
  trail: z.array(z.object({ id: z.number(), name: z.string() })),
  day: z.string(),
  today: z.string(),
  generatedAt: instant,
  /** The daily report's figures of the area and day (null below village level). */
  figures: figures.nullable(),
  screening: share.extend({ campaigns: z.number() }).nullable(),
  sampling: share.extend({ roundId: z.number(), roundName: z.string(), exempt: z.number(), held: z.number() }).nullable(),
  tasks: z.object({ open: z.number(), overdue: z.number() }),
  volunteers: z.object({ onDuty: z.number(), total: z.number() }),
  /** Checkpoints (卡点): posts open today, staffed and understaffed now, today's crossings (null: no post open here). */
  checkpoints: z
    .object({
      posts: z.number(),
      staffedNow: z.number(),
      understaffedNow: z.number(),
      understaffed: z.array(z.object({ postId: z.number(), name: z.string() })),
      crossingsToday: z.number(),
      turnedBackToday: z.number(),
    })
    .nullable(),
  /** Help requests (群众求助): today's received and closed in time, the rate, open and overdue (null: none here). */
  help: z
    .object({
      receivedToday: z.number(),
      closedWithinToday: z.number(),
      rateToday: z.number().nullable(),
      open: z.number(),
      overdue: z.number(),
      over72h: z.number(),
      /** The day's care calls (主动关怀): people on the outreach lists, called so far, needs found. */
      careCalls: z.object({ people: z.number(), called: z.number(), needs: z.number() }),
    })
    .nullable(),
  /** Contact tracing (流调), the last 14 days: how fast contacts are placed, and the chains still active (null: no case here). */
  tracing: z
    .object({
      cases: z.number(),
      newCases: z.number(),
      contactsPerCase: z.number(),
      placedWithin24hPct: z.number().nullable(),
      knownBeforePct: z.number().nullable(),
      toFind: z.number(),
      toFindLate: z.number(),
      activeChains: z.number(),
    })
    .nullable(),
  /** Supplies and donations (物资与捐赠): stores, items low now (worst first), today's issues, money donated (null: none here). */
  supplies: z
    .object({
      stores: z.number(),
      lowNow: z.number(),
      issuesToday: z.number(),
      donations: z.number(),
      moneyDonated: z.number(),
      low: z.array(z.object({ storeId: z.number(), storeName: z.string(), itemName: z.string(), coverDays: z.number().nullable() })),
    })
    .nullable()
    .optional(),
  /** Risk zones: live zones by level and the next lifting due, with what blocks it (null: no live zone here). */
  zones: z
    .object({
      active: z.number(),
      byLevel: z.array(z.object({ level: z.string(), name: z.object({ zh: z.string(), en: z.string() }).nullable(), count: z.number() })),
      next: z
        .object({ zoneId: z.number(), areaName: z.string(), level: z.string(), dueOn: z.string(), daysLeft: z.number(), blocker: z.string().nullable() })
        .nullable(),
    })
    .nullable()
    .optional(),
  /** Inspections (督导检查): the last seven days' inspections and pass rate, rectification orders open and overdue (null: none here). */
  inspections: z
    .object({ inspectionsThisWeek: z.number(), passRate: z.number().nullable(), openOrders: z.number(), overdueOrders: z.number() })
    .nullable()
    .optional(),
  /** Field work (消杀 · 宣传): jobs and m² today, terminal jobs overdue, publicity placed, campaign coverage (null: none here). */
  fieldwork: z
    .object({
      jobsToday: z.number(),
      areaM2Today: z.number(),
      terminalOverdue: z.number(),
      planned: z.number(),
      publicityPlaced: z.number(),
      campaigns: z.number(),
      campaignCoveragePct: z.number().nullable(),
    })
    .nullable()
    .optional(),
  /** Vaccination outreach (疫苗接种动员): coverage of the 60+ and 80+ by village, agreed and waiting, refused (null: nobody reached here yet). */
  vaccination: z
    .object({
      agreedWaiting: z.number(),
      refused: z.number(),
      byVillage: z.array(z.object({ areaId: z.number(), name: z.string(), rate60: z.number().nullable(), rate80: z.number().nullable() })),
    })
    .nullable()
    .optional(),
  /** Enterprises (复工复产): resumed, applying, suspended, and the resumed that sent today's ledger (null: none here). */
  enterprises: z.object({ total: z.number(), resumed: z.number(), applying: z.number(), suspended: z.number(), ledgerToday: z.number() }).nullable().optional(),
  children: z.array(child),
  trend: z.array(
    z.object({
      day: z.string(),
      underMeasures: z.number(),
      measuresStarted: z.number(),
      alertsRaised: z.number(),
      followUpsMissed: z.number(),
      arrivals: z.number(),
    }),
  ),
  attention: z.array(attentionItem),
});
export type Overview = z.infer<typeof overview>;
export type AttentionItem = z.infer<typeof attentionItem>;

export const getOverview = defineRoute({
  method: 'GET',
  path: '/api/overview',
  summary: 'The command center’s overview of an area and day (default: the caller’s own area, today)',
  query: overviewQuery,
  responses: { 200: overview },
});

/**
 * Server-sent events telling an open overview that figures changed (`event: change`), so the screen reads
 * again instead of every chart polling. The stream says `ready` at once and ends after `seconds` (default 0:
 * one `ready` and done); the browser's EventSource then reconnects by itself, and reads again on `ready`
 * to catch what changed in between.
 */
export const overviewChanges = defineRoute({
  method: 'GET',
  path: '/api/overview/changes',
  summary: 'A stream of “figures changed” events for an open overview (text/event-stream)',
  query: z.strictObject({ seconds: z.coerce.number().int().min(0).max(600).default(0) }),
  responses: { 200: z.string().meta({ description: 'text/event-stream' }) },
});
