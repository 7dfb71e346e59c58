-- A valid-rows commit writes the file in batches, each its own transaction. The last sheet row of the last
-- committed batch is stored in that same transaction, with the running counts, so a commit cut off by a crash
-- resumes after it with true counts instead of starting over or reporting nothing.
ALTER TABLE resident_imports ADD COLUMN committed_row integer NOT NULL DEFAULT 0;

-- Who started the validation or commit that is running: one running import per person at a time.
ALTER TABLE resident_imports ADD COLUMN started_by integer REFERENCES users (id) ON DELETE SET NULL;
