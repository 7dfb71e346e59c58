/**
 * The contact-tracing module's public face (流调溯源, issue 16). Nothing is lent to other modules yet: its routes
 * are registered by app.ts from routes.ts. Cases, trajectories and contacts are its own tables; measures go
 * through the monitoring module's face, tasks through the task inbox's.
 */
export {};
