/** The village daily report and its roll-up. */
/** The roll-up and the series, for the command center's overview (the same figures as the report). */
export { getReport as rollUp, series as seriesOf, type RCtx } from './service';
