/**
 * The inspections module's public face (督导检查 · 整改, issue 18 point 4): the overview's panel. Its routes are
 * registered by app.ts from routes.ts; rectification tasks go through the task inbox's face, photos through the
 * photos module's.
 */
export { inspectionsPanel } from './overview-panel';
/** An enterprise (复工复产) registered as a target of kind enterprise. */
export { enterpriseTarget } from './enterprise-target';
