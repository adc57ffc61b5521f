-- An artifact row now says "app A's build of commit C produced jar S". In V1, sha256 alone was
-- the key, but one jar can come from several builds: two apps from one repository (staging and
-- production), or a commit that changes no code. Files stay content-addressed by sha256 on disk.
-- Rebuilt rather than altered: H2 and PostgreSQL name and drop primary keys differently.

CREATE TABLE artifacts_by_commit (
    app_id      BIGINT       NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    commit_sha  VARCHAR(64)  NOT NULL,
    sha256      VARCHAR(64)  NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT artifacts_app_commit_pkey PRIMARY KEY (app_id, commit_sha)
);

INSERT INTO artifacts_by_commit (app_id, commit_sha, sha256, size_bytes, created_at)
    SELECT app_id, commit_sha, sha256, size_bytes, created_at FROM artifacts;

DROP TABLE artifacts;
ALTER TABLE artifacts_by_commit RENAME TO artifacts;
CREATE INDEX artifacts_by_sha256 ON artifacts (sha256);
