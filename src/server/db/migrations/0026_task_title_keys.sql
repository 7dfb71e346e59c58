-- A task made by the server keeps, beside its Chinese title, the key of that title and its parameters, so
-- each reader sees it in their own language (the web renders the key; the stored title stays the fallback
-- for older tasks and for tasks a person typed).
ALTER TABLE tasks ADD COLUMN title_key text, ADD COLUMN title_params jsonb;
