import type { Queryable } from '../../db/engine';
import type { Scope } from '../../platform/scope';
import { scopeClause } from '../../platform/scope';
import { SqlParams } from '../../platform/sql';
import { usersAs } from '../users/sql';

/**
 * Who the checkpoint roster may put on duty, as this module knows them: enabled accounts living under an area
 * (and in the caller's scope) that are a volunteer account or linked to an active volunteer who is not unwell or
 * isolating. With each: the volunteer's category and skills (the roster's roles), weekly availability, and
 * their deployments elsewhere over the days asked (busy). No ID number or phone leaves here.
 */
export interface RosterCandidate {
  user_id: number;
  name: string;
  area_path: string;
  category: string | null;
  skills: string[];
  availability: { days?: string[]; from?: string; to?: string; remoteOnly?: boolean } | null;
  deployments: { starts_on: string; ends_on: string }[];
}

export async function rosterCandidates(
  db: Queryable,
  scope: Scope,
  p: { underPath?: string; userIds?: number[]; from: string; to: string },
): Promise<RosterCandidate[]> {
  const q = new SqlParams();
  return db.query<RosterCandidate>(
    `SELECT u.id AS user_id, u.display_name AS name, u.area_path, v.category, COALESCE(v.skills, '{}') AS skills, v.availability,
            COALESCE((SELECT jsonb_agg(jsonb_build_object('starts_on', d.starts_on::text, 'ends_on', d.ends_on::text))
                        FROM deployments d WHERE d.volunteer_id = v.id AND d.cancelled_at IS NULL
                         AND d.starts_on <= ${q.add(p.to)}::date AND d.ends_on >= ${q.add(p.from)}::date), '[]') AS deployments
       FROM ${usersAs('u')} LEFT JOIN volunteers v ON v.user_id = u.id AND v.status = 'active'
      WHERE NOT u.disabled AND u.area_path LIKE ${q.add(`${p.underPath ?? ''}%`)}
        ${p.userIds ? `AND u.id = ANY(${q.add(p.userIds)}::int[])` : ''} AND ${scopeClause(scope, 'u.area_path', q)}
        AND (v.id IS NOT NULL OR 'volunteer' = ANY(u.roles))
        AND COALESCE(v.health_status, 'unknown') NOT IN ('unwell', 'isolating')
      ORDER BY u.id`,
    q.values,
  );
}
