-- The roster's identity rule (the same folded name and birth date is the same person) holds within one office's own
-- people, not across offices: a province gathers the people of a hundred communes, and two communes may each have a
-- Nguyễn Thu Dịu born on 23/03/1989 who are two different people. The people table is rebuilt with the rule per
-- owning office, in the migration's transaction with foreign key checks deferred to the commit (as in 0005).
PRAGMA defer_foreign_keys = ON;
CREATE TABLE people_copy AS SELECT * FROM people;
DROP TABLE people;
CREATE TABLE people (
    id                    TEXT PRIMARY KEY,
    full_name             TEXT NOT NULL,
    name_folded           TEXT NOT NULL,
    sort_key              BLOB NOT NULL,
    birth_date            TEXT NOT NULL,
    gender                TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    hometown              TEXT,
    is_local              INTEGER CHECK (is_local IN (0, 1)),
    party_member          INTEGER NOT NULL CHECK (party_member IN (0, 1)),
    qualification         TEXT,
    qualification_detail  TEXT,
    political_theory      TEXT,
    unit_id               TEXT NOT NULL REFERENCES units(id),
    owner_unit            TEXT NOT NULL,
    revision              INTEGER NOT NULL,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    -- the identity rule of the roster, within the people of one office
    UNIQUE (owner_unit, name_folded, birth_date)
);
INSERT INTO people SELECT * FROM people_copy;
DROP TABLE people_copy;
CREATE INDEX people_unit ON people(unit_id);
CREATE INDEX people_sort ON people(sort_key);
CREATE INDEX people_identity ON people(name_folded, birth_date);
