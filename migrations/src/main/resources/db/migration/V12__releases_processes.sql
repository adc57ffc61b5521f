-- Procfile process types, stored with each release (immutable like the rest): 'processes' is the
-- parsed Procfile in normalized form, one 'type: command' line each (NULL: the app had no Procfile
-- and runs the default web process); 'formation' is how many instances per host of each type someone
-- scaled, 'worker=2,clock=0' (types not named run one; NULL or empty: none scaled).

ALTER TABLE releases ADD COLUMN processes VARCHAR(40000);
ALTER TABLE releases ADD COLUMN formation VARCHAR(2000);
