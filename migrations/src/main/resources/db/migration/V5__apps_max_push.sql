-- The largest pack a git push to the app may send, in MiB: a bigger push is refused while it
-- arrives, before it fills the server's disk. Existing apps get the default.

ALTER TABLE apps ADD COLUMN max_push_mib INTEGER DEFAULT 512 NOT NULL;
