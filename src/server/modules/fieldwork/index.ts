/**
 * The field work module's public face (消杀 · 宣传, issue 18 points 1–2): the overview's panel and the sweep that
 * makes a case's terminal disinfection. Its routes are registered by app.ts from routes.ts; cases are read through
 * the tracing module's face, teams through the volunteers', tasks through the inbox's, photos through the photos'.
 * The daily report's line is lent from sql.ts.
 */
export { fieldworkPanel } from './figures';
export { sweepNewCases } from './terminal';
