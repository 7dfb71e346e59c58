-- A household and its head are written in one statement each during an import: the household first,
-- naming a head whose row follows in the same transaction. The check waits for the commit.
ALTER TABLE households ALTER CONSTRAINT households_head_fk DEFERRABLE INITIALLY DEFERRED;
