/**
 * The vaccination module's public face (疫苗接种动员, issue 18 point 3): the overview's panel. Its routes are
 * registered by app.ts from routes.ts; call, observation and follow-up tasks go through the task inbox's face.
 */
export { vaccinationPanel } from './overview-panel';
