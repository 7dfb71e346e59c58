-- Help requests (群众求助 / 红色代办, issue 17 points 1–4): intake links per area, requests with their triage step,
-- deadline, escalation, delivery proof, transfer and follow-up, and the pipelines and urgency tiers as policy data.

-- ——— policy: kinds with their ordered triage steps, urgency tiers with deadlines ———
-- Reference data like the roster policy: the highest version is in force. Version 1 is the seed's medicine
-- pipeline and the shorter ones (src/domain/help/policy.ts DEFAULT_HELP_POLICY holds the same; a test compares).
CREATE TABLE help_policy (
  version integer PRIMARY KEY,
  kinds jsonb NOT NULL,
  tiers jsonb NOT NULL,
  default_tier text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO help_policy (version, kinds, tiers, default_tier) VALUES (1,
  '[{"code":"medicine","name":{"zh":"药品","en":"Medicine"},"steps":[{"code":"buyable","name":{"zh":"能否购买","en":"Can it be bought"},"role":"doctor","options":[{"code":"yes","name":{"zh":"可以购买","en":"Can be bought"},"leads":"next"},{"code":"no","name":{"zh":"无法购买","en":"Cannot be bought"},"leads":"impossible"}]},{"code":"source","name":{"zh":"标注来源与紧急程度","en":"Where and how urgent"},"role":"cadre","setsTier":true,"options":[{"code":"local","name":{"zh":"本地购买","en":"Bought locally"},"leads":"next"},{"code":"elsewhere","name":{"zh":"外地购买","en":"Bought elsewhere"},"leads":"next"},{"code":"out_of_stock","name":{"zh":"缺货","en":"Out of stock"},"leads":"next"}]},{"code":"classify","name":{"zh":"处方/非处方分类","en":"Prescription or OTC"},"role":"doctor","options":[{"code":"prescription","name":{"zh":"处方药","en":"Prescription"},"leads":"next"},{"code":"otc","name":{"zh":"非处方药","en":"Over the counter"},"leads":"next"}]},{"code":"handoff","name":{"zh":"交接派送","en":"Hand-off"},"role":"cadre","options":[{"code":"handed","name":{"zh":"已交采购/派送","en":"Handed to buyer/deliverer"},"leads":"next"}]}]},{"code":"daily_goods","name":{"zh":"生活物资","en":"Daily goods"},"steps":[{"code":"assess","name":{"zh":"研判","en":"Assess"},"role":"cadre","setsTier":true,"options":[{"code":"accept","name":{"zh":"受理","en":"Accept"},"leads":"next"},{"code":"cannot","name":{"zh":"无法办理","en":"Cannot be done"},"leads":"impossible"}]},{"code":"handoff","name":{"zh":"交接派送","en":"Hand-off"},"role":"cadre","options":[{"code":"handed","name":{"zh":"已交采购/派送","en":"Handed to buyer/deliverer"},"leads":"next"}]}]},{"code":"medical_transport","name":{"zh":"就医与转运","en":"Medical care and transport"},"steps":[{"code":"assess","name":{"zh":"研判","en":"Assess"},"role":"doctor","setsTier":true,"options":[{"code":"accept","name":{"zh":"受理","en":"Accept"},"leads":"next"},{"code":"cannot","name":{"zh":"无法办理","en":"Cannot be done"},"leads":"impossible"}]},{"code":"handoff","name":{"zh":"交接派送","en":"Hand-off"},"role":"cadre","options":[{"code":"handed","name":{"zh":"已交采购/派送","en":"Handed to buyer/deliverer"},"leads":"next"}]}]},{"code":"dialysis_chemo","name":{"zh":"透析/化疗","en":"Dialysis or chemotherapy"},"steps":[{"code":"assess","name":{"zh":"研判","en":"Assess"},"role":"doctor","setsTier":true,"options":[{"code":"accept","name":{"zh":"受理","en":"Accept"},"leads":"next"},{"code":"cannot","name":{"zh":"无法办理","en":"Cannot be done"},"leads":"impossible"}]},{"code":"handoff","name":{"zh":"交接派送","en":"Hand-off"},"role":"cadre","options":[{"code":"handed","name":{"zh":"已交采购/派送","en":"Handed to buyer/deliverer"},"leads":"next"}]}]},{"code":"pregnancy","name":{"zh":"孕产","en":"Pregnancy"},"steps":[{"code":"assess","name":{"zh":"研判","en":"Assess"},"role":"doctor","setsTier":true,"options":[{"code":"accept","name":{"zh":"受理","en":"Accept"},"leads":"next"},{"code":"cannot","name":{"zh":"无法办理","en":"Cannot be done"},"leads":"impossible"}]},{"code":"handoff","name":{"zh":"交接派送","en":"Hand-off"},"role":"cadre","options":[{"code":"handed","name":{"zh":"已交采购/派送","en":"Handed to buyer/deliverer"},"leads":"next"}]}]},{"code":"child","name":{"zh":"儿童需求","en":"A child''s need"},"steps":[{"code":"assess","name":{"zh":"研判","en":"Assess"},"role":"doctor","setsTier":true,"options":[{"code":"accept","name":{"zh":"受理","en":"Accept"},"leads":"next"},{"code":"cannot","name":{"zh":"无法办理","en":"Cannot be done"},"leads":"impossible"}]},{"code":"handoff","name":{"zh":"交接派送","en":"Hand-off"},"role":"cadre","options":[{"code":"handed","name":{"zh":"已交采购/派送","en":"Handed to buyer/deliverer"},"leads":"next"}]}]},{"code":"mental_health","name":{"zh":"心理援助","en":"Mental health"},"steps":[{"code":"assess","name":{"zh":"研判","en":"Assess"},"role":"doctor","setsTier":true,"options":[{"code":"accept","name":{"zh":"受理","en":"Accept"},"leads":"next"},{"code":"cannot","name":{"zh":"无法办理","en":"Cannot be done"},"leads":"impossible"}]},{"code":"handoff","name":{"zh":"交接派送","en":"Hand-off"},"role":"cadre","options":[{"code":"handed","name":{"zh":"已交采购/派送","en":"Handed to buyer/deliverer"},"leads":"next"}]}]},{"code":"other","name":{"zh":"其他","en":"Other"},"steps":[{"code":"assess","name":{"zh":"研判","en":"Assess"},"role":"cadre","setsTier":true,"options":[{"code":"accept","name":{"zh":"受理","en":"Accept"},"leads":"next"},{"code":"cannot","name":{"zh":"无法办理","en":"Cannot be done"},"leads":"impossible"}]},{"code":"handoff","name":{"zh":"交接派送","en":"Hand-off"},"role":"cadre","options":[{"code":"handed","name":{"zh":"已交采购/派送","en":"Handed to buyer/deliverer"},"leads":"next"}]}]}]',
  '[{"code":"life","name":{"zh":"危及生命（立即拨打120）","en":"Life-threatening (call 120 now)"},"minutes":30,"call120":true},{"code":"h4","name":{"zh":"4小时内","en":"Within 4 hours"},"minutes":240},{"code":"h24","name":{"zh":"24小时内","en":"Within 24 hours"},"minutes":1440},{"code":"h72","name":{"zh":"72小时内","en":"Within 72 hours"},"minutes":4320}]',
  'h24');

-- ——— the public page's link: one token per area (its QR code) ———
CREATE TABLE help_intake_links (
  id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  area_id integer NOT NULL UNIQUE REFERENCES areas (id),
  area_path text NOT NULL,
  token text NOT NULL UNIQUE,
  created_by integer REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_intake_links_area_path_idx ON help_intake_links (area_path text_pattern_ops);

-- ——— requests ———
-- area_id/area_path: the office handling it (the link's area, or the matched resident's). `queue`: the triage
-- step it waits at, 'dispatch' while it waits for a deliverer, null after — the boards read it.
CREATE TABLE help_requests (
  id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  client_id uuid UNIQUE,
  area_id integer NOT NULL REFERENCES areas (id),
  area_path text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('public', 'phone', 'hotline', 'walk_in')),
  external_ref text,
  kind text NOT NULL,
  need text NOT NULL CHECK (length(need) BETWEEN 1 AND 2000),
  name text,
  phone text,
  address text,
  resident_id integer REFERENCES residents (id),
  household_id integer REFERENCES households (id),
  groups text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'triage' CHECK (status IN ('triage', 'dispatch', 'delivering', 'delivered', 'closed', 'impossible')),
  queue text,
  step_since timestamptz NOT NULL DEFAULT now(),
  decisions jsonb NOT NULL DEFAULT '{}',
  policy_version integer NOT NULL,
  tier text NOT NULL,
  due_at timestamptz NOT NULL,
  escalation_level integer NOT NULL DEFAULT 0,
  escalate_after timestamptz NOT NULL,
  merged_count integer NOT NULL DEFAULT 0,
  handover_code text NOT NULL,
  deliverer_user_id integer REFERENCES users (id),
  delivered_at timestamptz,
  proof text CHECK (proof IN ('code', 'photo')),
  closed_at timestamptz,
  closed_within boolean,
  public_note text,
  satisfaction integer CHECK (satisfaction BETWEEN 1 AND 5),
  follow_up_note text,
  followed_up_at timestamptz,
  transfer_area_id integer REFERENCES areas (id),
  transfer_path text,
  transfer_reason text,
  transfer_refused_reason text,
  created_by integer REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (phone IS NOT NULL OR resident_id IS NOT NULL),
  CHECK ((queue IS NULL) = (status NOT IN ('triage', 'dispatch')))
);
CREATE INDEX help_requests_area_path_idx ON help_requests (area_path text_pattern_ops);
CREATE INDEX help_requests_transfer_path_idx ON help_requests (transfer_path text_pattern_ops) WHERE transfer_path IS NOT NULL;
-- A board: the open requests at one step, longest-waiting first (the scope's prefix filters along the walk); the
-- path and deadline carried in the index, so the board's counts (total, overdue) read the index alone.
CREATE INDEX help_requests_board_idx ON help_requests (kind, queue, step_since, id) INCLUDE (area_path, due_at) WHERE queue IS NOT NULL;
-- The same need from the same phone within the merge window.
CREATE INDEX help_requests_merge_idx ON help_requests (phone, kind, created_at) WHERE status IN ('triage', 'dispatch', 'delivering', 'delivered');
CREATE INDEX help_requests_escalate_idx ON help_requests (escalate_after) WHERE status IN ('triage', 'dispatch', 'delivering', 'delivered');
CREATE INDEX help_requests_deliverer_idx ON help_requests (deliverer_user_id) WHERE status = 'delivering';
CREATE INDEX help_requests_created_idx ON help_requests (created_at);

-- A public submission merged into an earlier request keeps its client id here, so its resend is recorded once too.
CREATE TABLE help_merges (
  client_id uuid PRIMARY KEY,
  request_id integer NOT NULL REFERENCES help_requests (id),
  area_path text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_merges_area_path_idx ON help_merges (area_path text_pattern_ops);
CREATE INDEX help_merges_request_idx ON help_merges (request_id);

-- ——— task types: a delivery for its deliverer, a transfer for the receiving office, an overdue request escalated ———
DO $$
DECLARE def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint WHERE conrelid = 'tasks'::regclass AND conname = 'tasks_type_check';
  IF def IS NOT NULL AND position('help_delivery' in def) = 0 THEN
    EXECUTE 'ALTER TABLE tasks DROP CONSTRAINT tasks_type_check';
    EXECUTE 'ALTER TABLE tasks ADD CONSTRAINT tasks_type_check ' || replace(def, 'ARRAY[', 'ARRAY[''help_delivery''::text, ''help_transfer''::text, ''help_overdue''::text, ');
  END IF;
END $$;

-- ——— permissions ———
-- help.read: lists, boards, figures; help.triage: record, decide steps, dispatch, transfer, close, follow up;
-- help.deliver: 我的代办 and proof; help.manage: any step whatever its role, the public links.
UPDATE roles SET permissions = permissions || ARRAY['help.read', 'help.triage', 'help.deliver', 'help.manage'] WHERE code IN ('admin', 'command');
UPDATE roles SET permissions = permissions || ARRAY['help.read', 'help.triage', 'help.deliver'] WHERE code IN ('cadre', 'grid_worker', 'doctor');
UPDATE roles SET permissions = permissions || ARRAY['help.deliver'] WHERE code IN ('volunteer', 'branch_secretary');
