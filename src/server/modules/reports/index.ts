/** The village daily report and its roll-up. */
export { reportRoutes } from './routes';
