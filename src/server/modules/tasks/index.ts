/** The task inbox's public face: other modules create, close and fail tasks about their own records. */
export type { NewTask } from './repo';
export { closeForSubject, closeForSubjects, createTasks, failTasks } from './repo';
export { tasksPanel } from './overview-panel';
export { type PersonOfSubject, registerSubjectPerson } from './people';
/** A command group's open work: the open tasks of its members (issue 18 point 6). */
export { openTasksOfUsers } from './of-users';
/** Contact tracing moves a contact's open task to the worker the board assigns (issue 16 point 8). */
export { reassign as reassignTasks } from './repo';
