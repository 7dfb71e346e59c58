/**
 * A sealed estate's day (封控小区, issue 16 point 7): what a household may need, what the green channel carries and
 * how a problem ends. Pure, shared with the web.
 */
export const NEEDS = ['food', 'medicine', 'infant', 'elderly_care', 'dialysis', 'chemotherapy', 'pregnancy'] as const;
export type Need = (typeof NEEDS)[number];
/** Needs with an appointment day outside the estate (the green channel takes them there). */
export const APPOINTMENT_NEEDS: readonly Need[] = ['dialysis', 'chemotherapy', 'pregnancy'];

export const GREEN_KINDS = ['dialysis', 'chemotherapy', 'pregnancy', 'emergency', 'other'] as const;
export const CONFIRMATIONS = ['photo', 'recipient'] as const;
/** 解决 here; 转办 to another body; 交办 handed down to a department to do. */
export const PROBLEM_OUTCOMES = ['open', 'solved', 'transferred', 'assigned'] as const;

/** Minutes from a green-channel request to its response (null while unanswered), and whether it met the target. */
export function responseMinutes(requestedAt: string | Date, respondedAt: string | Date | null): number | null {
  if (!respondedAt) return null;
  return Math.round((new Date(respondedAt).getTime() - new Date(requestedAt).getTime()) / 60_000);
}

export function greenChannelFigures(rows: { requestedAt: string | Date; respondedAt: string | Date | null }[], targetMinutes: number) {
  const answered = rows.map((r) => responseMinutes(r.requestedAt, r.respondedAt)).filter((m): m is number => m !== null);
  const sorted = [...answered].sort((a, b) => a - b);
  return {
    requests: rows.length,
    answered: answered.length,
    withinTarget: answered.filter((m) => m <= targetMinutes).length,
    medianMinutes: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null,
    maxMinutes: sorted.length ? sorted[sorted.length - 1] : null,
  };
}

/** The seed's count: "服务解决问题86项，转办、交办事项22件" — solved on one side, transferred and assigned together. */
export function problemCounts(outcomes: string[]) {
  const n = (o: string) => outcomes.filter((x) => x === o).length;
  return { open: n('open'), solved: n('solved'), transferred: n('transferred'), assigned: n('assigned'), handedOn: n('transferred') + n('assigned') };
}
