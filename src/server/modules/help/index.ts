/**
 * The help module's public face (群众求助 / 红色代办, issue 17): the overview's panel. Its routes are registered by
 * app.ts from routes.ts. Requests are its own tables; people come from the registry's lent SQL, deliverers from
 * the volunteers module's, tasks through the task inbox's face.
 */
export { helpPanel } from './figures';
