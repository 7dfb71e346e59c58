import type { NewTask } from '../tasks';

/**
 * The inbox tasks disinfection makes, each naming its job (subject kind `disinfection_job`): a round's job for its
 * team (or the cadres of the place when the team is only a name), a case's terminal job for the cadres of the case's
 * area. Recording the job done closes its task.
 */
export function roundTask(o: {
  jobId: number;
  place: string;
  day: string;
  dueAt: Date;
  area: { id: number; path: string };
  team: { teamId: number | null; teamName: string | null };
  by: number;
}): NewTask {
  return {
    type: 'disinfection_job',
    title: `消杀：${o.place}（${o.day}）`,
    titleKey: 'disinfectionRound',
    titleParams: { place: o.place, day: o.day },
    subjectKind: 'disinfection_job',
    subjectId: o.jobId,
    areaId: o.area.id,
    areaPath: o.area.path,
    assigneeTeamId: o.team.teamId,
    assigneeRole: o.team.teamId ? null : 'cadre',
    dueAt: o.dueAt,
    priority: 'normal',
    createdBy: o.by,
  };
}

export function terminalTask(o: { jobId: number; caseId: number; dueAt: Date; area: { id: number; path: string } }): NewTask {
  return {
    type: 'disinfection_job',
    title: `终末消杀：病例 ${o.caseId} 住所`,
    titleKey: 'disinfectionTerminal',
    titleParams: { caseId: o.caseId },
    subjectKind: 'disinfection_job',
    subjectId: o.jobId,
    areaId: o.area.id,
    areaPath: o.area.path,
    assigneeRole: 'cadre',
    dueAt: o.dueAt,
    priority: 'urgent',
  };
}
