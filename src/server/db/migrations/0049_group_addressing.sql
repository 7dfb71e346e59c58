-- Issue 18, the rest of points 3 and 6: work addressed to a command group (专班 / 工作组), and the vaccination
-- policy edited as versions.

-- ——— a task addressed to a command group: in the inbox of each of its members (whose scope covers the task) ———
ALTER TABLE tasks ADD COLUMN assignee_group_id integer REFERENCES command_groups (id);
CREATE INDEX tasks_assignee_group_idx ON tasks (assignee_group_id) WHERE assignee_group_id IS NOT NULL;

-- ——— a rectification order whose responsible unit is a group (its tasks go to the group) ———
ALTER TABLE inspection_rectifications ADD COLUMN unit_group_id integer REFERENCES command_groups (id);

-- ——— a help request transferred to a group: the group's area receives it, the group's members decide ———
ALTER TABLE help_requests ADD COLUMN transfer_group_id integer REFERENCES command_groups (id);

-- ——— the vaccination policy as versions (the highest in force), each save a new row, as the roster policy ———
ALTER TABLE vaccination_policy DROP CONSTRAINT vaccination_policy_id_check;
ALTER TABLE vaccination_policy RENAME COLUMN id TO version;
ALTER TABLE vaccination_policy ADD COLUMN note text;
