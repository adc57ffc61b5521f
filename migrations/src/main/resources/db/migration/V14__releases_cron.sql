-- Scheduled jobs, stored with each release (immutable like the rest): the cron entries of the commit's app.json in
-- normalized form, {"cron":[{"command":...,"schedule":...,"host":...}]} (NULL: no entries).

ALTER TABLE releases ADD COLUMN cron_jobs VARCHAR(60000);
