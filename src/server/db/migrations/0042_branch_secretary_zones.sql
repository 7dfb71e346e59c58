-- A branch secretary approves enlistments and hands out the volunteer role, so they must hold everything it grants
-- (users.listRoles check in volunteers/enlist.ts). Migration 0040 gave volunteers the zones' field work (a captain's
-- needs survey and deliveries) without giving it to the secretaries who enrol them; they read zones and do that work
-- in their branch's estate too.
UPDATE roles SET permissions = permissions || ARRAY['zones.read', 'zones.field']
 WHERE code = 'branch_secretary' AND NOT permissions @> ARRAY['zones.read', 'zones.field'];
