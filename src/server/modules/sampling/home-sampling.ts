import { maskName, underAgeBornAfter } from '../../../domain/sampling/rules';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import * as tasks from '../tasks';
import * as volunteers from '../volunteers';
import * as repo from './repo';
import { coverageArea, mustRound } from './lookups';

const REASON_TEXT: Record<string, string> = { measure: '居家管控', home_bound: '行动不便', elderly: '高龄' };

/**
 * Home-sampling tasks (上门采样) for the round: one per person who cannot come to a point (see
 * repo.homeCandidates), for the sampling staff (role `sampler`) at the person's area, or a mobile team.
 * Idempotent: a person with a task since the round began gets no second one. The task is done when the
 * person is bound at a desk or by the mobile team.
 */
export async function planHomeSampling(ctx: Ctx, roundId: number, b: { under?: number; assigneeTeamId?: number }) {
  const round = await mustRound(ctx, roundId);
  const area = await coverageArea(ctx, round, b.under);
  const rules = round.exemption_rules;
  const elderlyBornOnOrBefore = rules.elderlyAge ? underAgeBornAfter(rules.elderlyAge, round.roster_date) : null;
  const people = await repo.homeCandidates(ctx.db, {
    roundId,
    roundCreatedAt: round.created_at,
    underPath: area.path,
    scope: ctx.actor.scope,
    rosterDate: round.roster_date,
    elderlyBornOnOrBefore,
  });
  if (b.assigneeTeamId) {
    const team = await volunteers.findTeam(ctx.db, ctx.actor.scope, b.assigneeTeamId);
    if (!team || team.disbanded_at) throw badRequest('VALIDATION_FAILED', {}, { assigneeTeamId: 'not_found' });
  }
  await ctx.db.tx(async (tx) => {
    const ids = await tasks.createTasks(
      tx,
      people.map((p) => ({
        type: 'home_sampling',
        title: `上门采样（${REASON_TEXT[p.reason]}）：${p.name} · ${round.name}`,
        titleKey: 'homeSampling',
        titleParams: { reason: p.reason, name: p.name, round: round.name },
        subjectKind: 'sampling_home',
        subjectId: p.resident_id,
        areaId: p.area_id,
        areaPath: p.area_path,
        ...(b.assigneeTeamId ? { assigneeTeamId: b.assigneeTeamId } : { assigneeRole: 'sampler' }),
        priority: 'high',
        createdBy: ctx.actor.userId,
      })),
    );
    await audit(tx, ctx, {
      action: 'home_sampling',
      entity: 'sampling_round',
      entityId: roundId,
      areaPath: area.path,
      after: { under: area.id, tasks: ids.length },
    });
  });
  return {
    created: people.length,
    items: people.map((p) => ({ residentId: p.resident_id, name: maskName(p.name), areaId: p.area_id, reason: p.reason })),
  };
}
