-- Issue 16: an office's list may give only the year of birth ("1975"). The person is kept with 1 January of that
-- year in birth_date and this mark, so that the year alone is shown and no day or month is invented on paper.
-- The column travels: bundle format version 2 adds it to people's records (exchange::bundle, version history).
ALTER TABLE people ADD COLUMN birth_year_only INTEGER NOT NULL DEFAULT 0 CHECK (birth_year_only IN (0, 1));
