/** The volunteers module's public face: its routes, teams for the task inbox, and the writes the demo uses. */
export { addMembers, insertOrg, insertVolunteer, submitEnlistmentUnscoped } from './repo';
export { findTeam, insertDeployment, insertTeam, setTeamMembers } from './repo';
export { volunteersPanel } from './overview-panel';
/** Retention (the lifecycle module's runs): decided enlistment applications deleted past their period. */
export { purgeEnlistments } from './retention';
/** Who the checkpoint roster may put on duty, with their skills, availability and deployments. */
export { type RosterCandidate, rosterCandidates } from './roster-candidates';
/** Building and floor captains under an area, for the sealed estate's board (issue 16 point 7). */
export { type CaptainRow, listCaptains } from './repo/links';
