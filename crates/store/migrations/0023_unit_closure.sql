-- Issue 16: units merged into another or dissolved (the 2025 mergers of communes and agencies) are kept, with their
-- history, closed from the day the decision took effect; a merged unit names the unit it went into. The columns
-- travel: bundle format version 2 adds them to units' records.
ALTER TABLE units ADD COLUMN ended_on TEXT CHECK (ended_on IS NULL OR ended_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE units ADD COLUMN merged_into TEXT REFERENCES units(id) CHECK (merged_into IS NULL OR ended_on IS NOT NULL);
