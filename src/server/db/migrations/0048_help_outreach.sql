-- Proactive care calls (主动关怀, issue 17 point 4): the lesson of 2022 was that elderly people living alone ran
-- short of food and medicine and never asked. Each day the people of the outreach lists (policy data below) get a
-- call task; each call's outcome is kept, and a need found becomes a help request on the 'outreach' channel.

-- The lists as data: who is on them (stored groups, a minimum age, a measure at home) and how often they are called.
CREATE TABLE help_outreach_lists (
  code text PRIMARY KEY,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  -- Any of these stored groups puts a person on the list (with min_age, all of them must hold).
  groups text[] NOT NULL DEFAULT '{}',
  min_age integer CHECK (min_age IS NULL OR min_age BETWEEN 0 AND 120),
  -- Everyone under a measure at home (home isolation or home monitoring) is on the list.
  home_measure boolean NOT NULL DEFAULT false,
  -- Whether the list says something about health (shown only to holders of residents.health).
  health boolean NOT NULL DEFAULT false,
  every_days integer NOT NULL DEFAULT 1 CHECK (every_days BETWEEN 1 AND 30),
  active boolean NOT NULL DEFAULT true,
  position integer NOT NULL DEFAULT 0
);

INSERT INTO help_outreach_lists (code, name_zh, name_en, groups, min_age, home_measure, health, every_days, position) VALUES
  ('elderly_alone', '独居老人', 'Elderly living alone', '{alone}', 60, false, false, 1, 1),
  ('bedridden', '卧床失能', 'Bedridden', '{bedridden}', NULL, false, true, 1, 2),
  ('dialysis', '透析患者', 'On dialysis', '{dialysis}', NULL, false, true, 1, 3),
  ('pregnant', '孕产妇', 'Pregnant', '{pregnant}', NULL, false, true, 1, 4),
  ('home_isolation', '居家隔离/监测', 'Under home isolation or monitoring', '{}', NULL, true, true, 1, 5);

-- One row per person and day: the call to make, then its outcome. The task is the worker's inbox entry for it.
CREATE TABLE help_outreach_calls (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  day date NOT NULL,
  resident_id bigint NOT NULL REFERENCES residents (id),
  area_id integer NOT NULL REFERENCES areas (id),
  area_path text NOT NULL,
  lists text[] NOT NULL,
  task_id bigint,
  outcome text CHECK (outcome IN ('well', 'need', 'unreachable', 'declined')),
  attempts integer NOT NULL DEFAULT 0,
  note text,
  request_id bigint REFERENCES help_requests (id),
  called_by integer REFERENCES users (id),
  called_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (day, resident_id)
);
CREATE INDEX help_outreach_calls_day_path_idx ON help_outreach_calls (day, area_path text_pattern_ops);
CREATE INDEX help_outreach_calls_resident_idx ON help_outreach_calls (resident_id, day DESC);

-- The lists read residents by group; a GIN index keeps a county's lists a short scan instead of the whole registry.
CREATE INDEX residents_groups_idx ON residents USING gin (groups) WHERE merged_into IS NULL;

-- A need found on a care call is a request of its own channel.
ALTER TABLE help_requests DROP CONSTRAINT help_requests_channel_check;
ALTER TABLE help_requests ADD CONSTRAINT help_requests_channel_check CHECK (channel IN ('public', 'phone', 'hotline', 'walk_in', 'outreach'));

-- ——— task type: a care call to make ———
DO $$
DECLARE def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint WHERE conrelid = 'tasks'::regclass AND conname = 'tasks_type_check';
  IF def IS NOT NULL AND position('help_outreach_call' in def) = 0 THEN
    EXECUTE 'ALTER TABLE tasks DROP CONSTRAINT tasks_type_check';
    EXECUTE 'ALTER TABLE tasks ADD CONSTRAINT tasks_type_check ' || replace(def, 'ARRAY[', 'ARRAY[''help_outreach_call''::text, ');
  END IF;
END $$;

-- The daily report counts requests closed during each day.
CREATE INDEX help_requests_closed_idx ON help_requests (closed_at) WHERE closed_at IS NOT NULL;

-- An imported hotline list skips case numbers already recorded.
CREATE INDEX help_requests_external_ref_idx ON help_requests (external_ref) WHERE external_ref IS NOT NULL;

-- Cash a deliverer advanced for a purchase (垫付), proven by a receipt photo, and its settling by the office.
ALTER TABLE help_requests
  ADD COLUMN advance_cents integer CHECK (advance_cents BETWEEN 1 AND 10000000),
  ADD COLUMN advance_settled_at timestamptz,
  ADD COLUMN advance_settled_by integer REFERENCES users (id);
CREATE INDEX help_requests_advance_open_idx ON help_requests (area_path text_pattern_ops) WHERE advance_cents IS NOT NULL AND advance_settled_at IS NULL;
