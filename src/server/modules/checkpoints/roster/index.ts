/**
 * The checkpoint roster solver (issue 15, point 3): pure functions over plain data, no database.
 *
 *   solveRoster(problem, policy?, { timeLimitMs?, workerHeapMb?, boundShare?, seed?, onProgress? }) → Promise<RosterSolution>
 *       greedy fill, then HiGHS in a worker thread until the time limit; the better roster with a proven lower
 *       bound and the gap. timeLimitMs 0 = greedy only (no worker).
 *   warmRosterWorkers(heapMb, count?) → Promise<void>
 *       starts the optimiser's threads ahead (each loads its code and HiGHS in seconds); solves then take them.
 *   checkRoster(problem, assignments, policy) → RosterViolation[]
 *       the rules, for hand edits (warn, do not refuse) and for showing a stored roster.
 *   rosterPolicy(partial?) → RosterPolicy      stored policy data merged over the defaults.
 *   rosterCost(prepare(problem, policy), assignments) → { cost, unfilled }   the objective of any roster.
 */
export { checkRoster } from './rules';
export { solveRoster, type SolveRosterOptions } from './optimise';
export { stopRosterWorkers, warmRosterWorkers } from './worker-pool';
export { prepare, rosterCost } from './model';
export {
  defaultRosterPolicy,
  rosterPolicy,
  rosterRuleKinds,
  type RosterAssignment,
  type RosterCost,
  type RosterPerson,
  type RosterPolicy,
  type RosterProblem,
  type RosterRuleKind,
  type RosterShift,
  type RosterSolution,
  type RosterViolation,
  type ShiftKind,
  type StaffNeed,
  type TimeWindow,
  type UnfilledSlot,
} from './types';
