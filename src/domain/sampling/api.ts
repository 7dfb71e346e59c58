/**
 * The routes of mass testing (全员核酸), one contract each, by sub-domain: rounds and points, the desk and its
 * boxes, lab results and positives, exemptions and coverage, slot plans. Server: modules/sampling; web: modules/sampling.
 */
export * from './api/coverage';
export * from './api/desk';
export * from './api/results';
export * from './api/rounds';
export * from './api/slots';
