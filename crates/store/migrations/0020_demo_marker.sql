-- Issue 16: a database made as demo data says so, so the window marks it as demo everywhere and offers to leave it
-- for a real office. One row or none; it does not travel in bundles.
CREATE TABLE demo_marker (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    made_at     TEXT NOT NULL
);
