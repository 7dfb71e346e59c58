import { maskPhone } from '../../../domain/residents/identity';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { forbidden, notFound } from '../../platform/errors';
import * as residents from '../residents';
import { peopleOf } from './people';
import type { TaskRow } from './repo';
import type { toTaskView } from './view';

type TaskView = ReturnType<typeof toTaskView>;

/**
 * The person on a home-sampling or retest card: name, household address and masked phone, read through the
 * registry's face. Calling needs the full number, which is a disclosure: only a caller holding `tasks.call`
 * (grid workers and samplers, by migration 0031) or `residents.reveal` gets a call button, and each call is one
 * audited reveal (see `callNumber`).
 */
export function mayCall(ctx: Ctx): boolean {
  return ctx.actor.permissions.has('tasks.call') || ctx.actor.permissions.has('residents.reveal');
}

export async function withPeople(ctx: Ctx, views: TaskView[]): Promise<TaskView[]> {
  const subjects = views.flatMap((v) => (v.subject ? [v.subject] : []));
  const who = await peopleOf(ctx.db, subjects);
  if (!who.size) return views;
  const contacts = await residents.contactsOf(ctx.db, [...who.values()]);
  const calls = mayCall(ctx);
  return views.map((v) => {
    const residentId = v.subject ? who.get(`${v.subject.kind}:${v.subject.id}`) : undefined;
    const c = residentId ? contacts.get(residentId) : undefined;
    if (!c) return v;
    const open = v.status === 'open' || v.status === 'in_progress';
    return {
      ...v,
      person: { residentId: c.id, name: c.name, address: c.address, areaName: c.area_name, phone: maskPhone(c.phone), canCall: calls && open && !!c.phone },
    };
  });
}

/** The full number of an open task's person, for the call button: one audited reveal per call. */
export async function callNumber(ctx: Ctx, t: TaskRow): Promise<{ phone: string }> {
  if (!mayCall(ctx)) throw forbidden();
  const who = t.subject_kind && t.subject_id ? await peopleOf(ctx.db, [{ kind: t.subject_kind, id: t.subject_id }]) : new Map<string, number>();
  const residentId = who.get(`${t.subject_kind}:${t.subject_id}`);
  const c = residentId ? (await residents.contactsOf(ctx.db, [residentId])).get(residentId) : undefined;
  if (!c?.phone) throw notFound();
  await ctx.db.tx((tx) =>
    audit(tx, ctx, {
      action: 'reveal',
      entity: 'resident',
      entityId: c.id,
      areaPath: c.area_path,
      after: { field: 'phone', reason: 'task_call', taskId: t.id },
    }),
  );
  return { phone: c.phone };
}
