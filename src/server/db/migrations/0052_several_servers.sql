-- Several server processes on one PostgreSQL (issue 19): the state they share beyond the data itself.

-- Throttles shared by every server process on one PostgreSQL (platform/shared-throttles.ts): sign-in's wait per
-- account and failures per address, and the public forms' attempts per address. One row per key; rows nothing
-- reads any more are purged hourly. On PGlite (one process) the throttles stay in memory and this table is empty.
CREATE TABLE throttle_state (
  key text PRIMARY KEY,
  -- Sign-in failures of an account since its last success (0 for an address's row).
  failures integer NOT NULL DEFAULT 0,
  -- The last failure (an account), or the last counted attempt (an address): what the purge goes by.
  last_at timestamptz NOT NULL,
  -- An address's recent attempts (at most the limit), oldest first.
  hits timestamptz[] NOT NULL DEFAULT '{}'
);
CREATE INDEX throttle_state_last_idx ON throttle_state (last_at);

-- Which server process runs each running job (platform/job-owners.ts): a process holds an advisory lock under its
-- own number while it lives, so when one is killed the others see its lock gone and hand its jobs back to the
-- queue at once, instead of after the job's expiry (an hour for an import).
CREATE TABLE job_owners (
  job_id uuid PRIMARY KEY,
  queue text NOT NULL,
  owner integer NOT NULL,
  since timestamptz NOT NULL DEFAULT now()
);
