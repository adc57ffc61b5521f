-- Whether a deploy makes its first host a canary (switched, healthy, before any other host
-- starts) or switches every host in batches from the start. The canary costs one host's
-- activation in time on every deploy of more than one host; it stays the default.

ALTER TABLE apps ADD COLUMN canary BOOLEAN DEFAULT TRUE NOT NULL;
