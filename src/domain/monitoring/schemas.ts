import { z } from 'zod';

/**
 * The values monitoring shares with the task inbox (whose request bodies are in domain/tasks/api.ts) and with
 * screening. The measure, follow-up and fever-alert bodies are with their routes in ./api.ts; the state machine in ./measures.ts.
 */
export const TASK_TYPES = ['fever_alert', 'release_check', 'follow_up', 'visit', 'revisit', 'manual'] as const;
export const TASK_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'failed'] as const;
export const RESOLUTIONS = ['fever_clinic', 'false_alarm', 'other'] as const;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_format');

/** 34.0–43.0 °C, at most one decimal. */
export const temperature = z
  .number()
  .min(34)
  .max(43)
  .refine((t) => Math.abs(Math.round(t * 10) - t * 10) < 1e-9, 'one_decimal');

export const followUpTimes = z.array(hhmm).min(1).max(6);
