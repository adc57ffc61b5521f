-- One deployment per app at a time, held in the database so that it holds across server processes
-- on one PostgreSQL and survives nothing it should not: a lock whose owner stopped refreshing it
-- (heartbeat older than the lease) may be taken over. Each server process is an owner, named by
-- data/instance-id.

CREATE TABLE app_locks (
    app_id         BIGINT        NOT NULL PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    deployment_id  BIGINT,                             -- null while the deployment row is being made
    owner          VARCHAR(64)   NOT NULL,
    heartbeat_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Which server runs a deployment, and when it last said it still does: after a crash only the
-- deployments whose owner is gone are marked interrupted.
ALTER TABLE deployments ADD COLUMN owner VARCHAR(64);
ALTER TABLE deployments ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
