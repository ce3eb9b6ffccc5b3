-- Issue 15: anonymity that holds in the file. Each score kept as a row of its own could be linked to its rater: SQLite
-- fills a page's cells in the order they are written, so the physical order of the scores matched the order of the
-- participation rows (20 of 20 ratings linked from the file alone). Now only the totals per rated person and rater
-- group are kept (how many rated, the sum of their points): no single rating is in the file. Who took part is kept
-- apart, to refuse a second rating by the same person. The program also zeroes deleted content (secure_delete) and
-- folds the write-ahead log into the file after each rating, so the totals before a rating do not survive beside
-- those after it. A result is shown only from the rule set's minimum number of raters per group.
CREATE TABLE feedback_totals (
    year         INTEGER NOT NULL,
    rated_id     TEXT NOT NULL REFERENCES people(id),
    rater_group  TEXT NOT NULL,
    raters       INTEGER NOT NULL CHECK (raters > 0),
    points_sum   INTEGER NOT NULL CHECK (points_sum >= 0),
    PRIMARY KEY (year, rated_id, rater_group)
) WITHOUT ROWID;
INSERT INTO feedback_totals (year, rated_id, rater_group, raters, points_sum)
    SELECT year, rated_id, rater_group, count(*), sum(points) FROM feedback_scores GROUP BY year, rated_id, rater_group;
DROP TABLE feedback_scores;
