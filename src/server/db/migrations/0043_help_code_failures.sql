-- The delivery code is four digits: without a count of wrong tries a deliverer could try them all and mark a request
-- delivered without reaching the door. After a few wrong codes only a photo proves the delivery (help/dispatch.ts).
ALTER TABLE help_requests ADD COLUMN code_failures smallint NOT NULL DEFAULT 0;
