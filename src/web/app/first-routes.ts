/**
 * The routes the shell and the workbench call, by reference only: each is the contract's method and path, typed as
 * the contract itself (`typeof getMe`: its inputs and answer), without the contract's schemas. The contracts' zod
 * schemas are built when their module is evaluated, and zod itself is a large library: imported here, they sat in
 * the main script and the workbench's file, downloaded, compiled and built on every cold load of a slow phone before
 * its first screen, though the browser only needs a route's method and path to call it (forms elsewhere still check
 * their fields with the schemas, in their own pages' files).
 *
 * A reference cannot drift from its contract: `routeOf<typeof c>(method, path)` is checked by the compiler against
 * the contract's own literal method and path (defineRoute keeps them exact).
 */
import type { RouteContract } from '../../domain/contract';
import type { changePassword as ChangePassword, getMe as GetMe, login as Login, logout as Logout, logoutAll as LogoutAll } from '../../domain/auth/api';
import type { getArea as GetArea, listAncestors as ListAncestors } from '../../domain/areas/api';
import type { listRoles as ListRoles } from '../../domain/users/api';
import type {
  callTaskPerson as CallTaskPerson,
  completeTask as CompleteTask,
  failTask as FailTask,
  myTasks as MyTasks,
  startTask as StartTask,
} from '../../domain/tasks/api';
import type { listAlerts as ListAlerts, todayFollowUps as TodayFollowUps } from '../../domain/monitoring/api';
import type { getOverview as GetOverview } from '../../domain/overview/api';
import type { getReport as GetReport } from '../../domain/reports/api';
import type { listRosterProposals as ListRosterProposals } from '../../domain/screening/api/proposals';
import type { myAssignments as MyAssignments, volunteerFigures as VolunteerFigures } from '../../domain/volunteers/api';
import type { getDisclosures as GetDisclosures } from '../../domain/audit/api';
import type { listRequests as ListRequests } from '../../domain/lifecycle/api';

/** A route by its method and path, typed as its contract (only method and path are there at run time). */
export function routeOf<C extends RouteContract>(method: C['method'], path: C['path']): C {
  return { method, path, responses: {} } as unknown as C;
}

export const getMe = routeOf<typeof GetMe>('GET', '/api/auth/me');
export const login = routeOf<typeof Login>('POST', '/api/auth/login');
export const logout = routeOf<typeof Logout>('POST', '/api/auth/logout');
export const logoutAll = routeOf<typeof LogoutAll>('POST', '/api/auth/logout-all');
export const changePassword = routeOf<typeof ChangePassword>('POST', '/api/auth/password');
export const getArea = routeOf<typeof GetArea>('GET', '/api/areas/:id');
export const listAncestors = routeOf<typeof ListAncestors>('GET', '/api/areas/:id/ancestors');
export const listRoles = routeOf<typeof ListRoles>('GET', '/api/roles');
export const myTasks = routeOf<typeof MyTasks>('GET', '/api/tasks/mine');
export const callTaskPerson = routeOf<typeof CallTaskPerson>('POST', '/api/tasks/:id/call');
export const completeTask = routeOf<typeof CompleteTask>('POST', '/api/tasks/:id/done');
export const startTask = routeOf<typeof StartTask>('POST', '/api/tasks/:id/start');
export const failTask = routeOf<typeof FailTask>('POST', '/api/tasks/:id/fail');
export const listAlerts = routeOf<typeof ListAlerts>('GET', '/api/fever-alerts');
export const todayFollowUps = routeOf<typeof TodayFollowUps>('GET', '/api/follow-ups/today');
export const getOverview = routeOf<typeof GetOverview>('GET', '/api/overview');
export const getReport = routeOf<typeof GetReport>('GET', '/api/daily-reports');
export const listRosterProposals = routeOf<typeof ListRosterProposals>('GET', '/api/screening/roster-proposals');
export const myAssignments = routeOf<typeof MyAssignments>('GET', '/api/me/assignments');
export const volunteerFigures = routeOf<typeof VolunteerFigures>('GET', '/api/volunteers/figures');
export const getDisclosures = routeOf<typeof GetDisclosures>('GET', '/api/audit/disclosures');
export const listRequests = routeOf<typeof ListRequests>('GET', '/api/lifecycle/requests');
