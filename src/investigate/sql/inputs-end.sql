-- Replaces the model's inputs_end view in the workspace: the same definition (the latest
-- event time of any loaded record, capped by --to) over the whole database, not the slice.
CREATE OR REPLACE VIEW inputs_end AS
SELECT least((SELECT ts FROM source_end), (SELECT period_to FROM global_policy)) AS ts;
