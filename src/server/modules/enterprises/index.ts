/**
 * The enterprises module's public face (复工复产, issue 18 point 5): the overview's panel. Its routes are registered
 * by app.ts from routes.ts; targets go through the inspections module's face, cases through tracing's, origins
 * through screening's, ID numbers through the registry's.
 */
export { enterprisesPanel } from './overview-panel';
