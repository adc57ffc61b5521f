-- Deleting an app keeps its release history unless the operator asks to purge it: the row stays,
-- marked deleted, so its releases, deployments and artifacts keep their app_id. Creating an app
-- with the same name again revives the row, and its release numbers go on from where they were.

ALTER TABLE apps ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;
