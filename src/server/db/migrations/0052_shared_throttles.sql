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
