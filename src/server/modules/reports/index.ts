/** The village daily report and its roll-up. */
import { type RCtx, getReport, series } from './service';

export type { RCtx } from './service';

/**
 * The roll-up and the series, for the command center's overview (the same figures as the report), read from the
 * replica when one is set (ctx.readDb): the overview writes nothing, so it never needs to see its own write.
 */
export const rollUp = (ctx: RCtx, p: Parameters<typeof getReport>[1]) => getReport(ctx, p, 'replica');
export const seriesOf = (ctx: RCtx, p: Parameters<typeof series>[1]) => series(ctx, p, 'replica');
