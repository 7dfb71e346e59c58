/**
 * The data lifecycle's public face (PIPL): its routes, the daily retention job, and a run for tests and tools.
 * The data classes are purged by their owners' faces (monitoring, screening, volunteers, residents, sampling).
 */
export { areasHeldFromEveryPurge, defineLifecycleJobs, runRetention } from './runs';
