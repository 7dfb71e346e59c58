-- A closed round's figures, frozen once its people are all anonymised (issue 19, item 6; docs/scale-out.md, "Done:
-- the desk's bindings"). The round's hourly chart and its count of bindings were read from the bindings themselves,
-- which kept every month of bindings for good. Frozen here, the round's figures no longer need them, and retention
-- can drop a month of bindings once every round that could have bound in it is frozen.
--
-- One row per round, area and quarter hour (absolute, aligned to UTC): the chart groups by the deployment's local
-- hour, and every zone's hours are whole sums of quarters (no zone is offset by less than a quarter), so a change
-- of the deployment's zone still draws the chart right. Two counts under two different areas, as the live reads
-- count them: `sampled` under the roster row's area (rostered people first sampled by a binding that counts, in
-- the quarter of that binding), `bindings` under the binding's area (bindings not removed, in their quarter).
CREATE TABLE sampling_round_figures (
  round_id integer NOT NULL REFERENCES sampling_rounds (id),
  area_path text NOT NULL,
  quarter timestamptz NOT NULL,
  sampled integer NOT NULL DEFAULT 0,
  bindings integer NOT NULL DEFAULT 0,
  PRIMARY KEY (round_id, area_path, quarter)
);
CREATE INDEX sampling_round_figures_area_path_idx ON sampling_round_figures (area_path text_pattern_ops);

-- When the figures were frozen: from then the round's chart and counts read them, not the bindings.
ALTER TABLE sampling_rounds ADD COLUMN figures_frozen_at timestamptz;
