-- What a git push does when a pushed commit adds a file that looks like a secret (a private key,
-- a .env file, a known credential shape): 'warn' prints a warning naming file and line, 'reject'
-- refuses the push. Existing apps warn.

ALTER TABLE apps ADD COLUMN secrets_on_push VARCHAR(8) DEFAULT 'warn' NOT NULL;
