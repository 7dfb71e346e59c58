/**
 * The titles the server writes on tasks it makes, by key. The server stores the key and its parameters
 * beside the Chinese title; the web renders `tasks.titles.<key>` in the reader's language and falls back to
 * the stored title (tasks typed by a person, tasks made before keys were kept).
 */
export const TASK_TITLE_KEYS = [
  'releaseCheck',
  'followUpMissed',
  'visit',
  'revisit',
  'homeSampling',
  'retestPerson',
  'positiveTube',
  'disclosures',
  'feverAlert',
  'feverAlertSymptoms',
  'checkpointVisit',
  'understaffed',
  'traceContact',
  'swapAsked',
  'swapApprove',
  'leaveApprove',
  'supplyLow',
  'helpDelivery',
  'helpTransfer',
  'helpOverdue',
  'inspectionRectify',
  'inspectionReinspect',
  'inspectionEscalation',
  'outreachCall',
  'disinfectionRound',
  'disinfectionTerminal',
  'vaccinationCall',
  'vaccinationVisit',
  'vaccinationObserve',
  'vaccinationFollowUp',
] as const;

export type TaskTitleKey = (typeof TASK_TITLE_KEYS)[number];

/** Names, places, dates and counts; a parameter that is a code (a reason) is translated by the web. */
export type TaskTitleParams = Record<string, string | number>;
