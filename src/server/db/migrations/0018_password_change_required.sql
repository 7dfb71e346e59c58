-- A password someone else set (an administrator's reset or new account, a generated first password) must be
-- changed by its owner before the account can do anything else.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
