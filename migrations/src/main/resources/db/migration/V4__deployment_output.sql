-- The last 2 MiB (2,097,152 characters) of a deployment's build output, readable after it ended
-- (GET /api/deployments/{id}/output). Events keep only its first lines, so a build that prints a
-- million lines costs one bounded row, not a million.

CREATE TABLE deployment_output (
    deployment_id  BIGINT          NOT NULL PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
    output         VARCHAR(2097152) NOT NULL,
    total_chars    BIGINT          NOT NULL,          -- all output seen, kept or not
    total_lines    BIGINT          NOT NULL
);
