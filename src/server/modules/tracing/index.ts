/**
 * The contact-tracing module's public face (流调溯源, issue 16): its routes. Cases, trajectories and contacts are
 * its own tables; measures go through the monitoring module's face, tasks through the task inbox's.
 */
export { tracingRoutes } from './routes';
