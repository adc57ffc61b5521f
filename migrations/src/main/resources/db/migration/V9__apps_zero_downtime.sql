-- How a release replaces the running one on each host. 'zero-downtime': two slots, each its own
-- unit on an internal port, behind a proxy on the app's port; traffic moves only to a healthy
-- slot, the old one drains for drain_seconds and stays warm for standby_seconds so a rollback is a
-- proxy switch. 'restart': one unit, stopped and started (the behaviour before this migration).
-- Apps that exist already keep 'restart', so nothing changes under them; new apps get
-- 'zero-downtime' from the server.

ALTER TABLE apps ADD COLUMN strategy VARCHAR(16) DEFAULT 'restart' NOT NULL;
ALTER TABLE apps ADD COLUMN drain_seconds INT DEFAULT 30 NOT NULL;
ALTER TABLE apps ADD COLUMN standby_seconds INT DEFAULT 600 NOT NULL;
