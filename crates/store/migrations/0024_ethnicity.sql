-- Issue 17: ethnicity (dân tộc), which personnel statistics count (the share of ethnic-minority cadres). One of the 54
-- groups of the official list by its census name ("Kinh", "Tày", "Mông"…), NULL when the profile does not say.
-- The column travels: bundle format version 3 adds it to people's records (exchange::bundle, version history).
ALTER TABLE people ADD COLUMN ethnicity TEXT;
