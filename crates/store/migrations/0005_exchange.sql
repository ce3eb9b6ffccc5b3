-- Exchange between offices (EXCHANGE.md): the keys pinned for other offices, the sequence chains of bundles sent
-- and accepted, a log of every bundle that came or went (the completeness board reads it), and the aliases that
-- map another office's ids of shared things (units, positions, people) to this office's own.

-- A public key pinned for a unit after its fingerprint was confirmed (by phone, from paper).
CREATE TABLE enrolled_keys (
    unit_code    TEXT PRIMARY KEY,
    key_id       TEXT NOT NULL,
    -- the minisign public key file, as enrolled
    public_key   TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    enrolled_at  TEXT NOT NULL,
    enrolled_by  TEXT NOT NULL,
    revoked_at   TEXT
);

-- One row per source → destination chain: what this office sent (source = its own unit) and what it accepted.
-- last_revision is, for a chain this office sends, the highest revision of its own records the last bundle covered
-- (the next bundle carries what changed after it); 0 for chains it receives.
CREATE TABLE bundle_chain (
    source_unit           TEXT NOT NULL,
    destination_unit      TEXT NOT NULL,
    last_sequence         INTEGER NOT NULL CHECK (last_sequence >= 1),
    last_manifest_sha256  TEXT NOT NULL,
    last_revision         INTEGER NOT NULL DEFAULT 0,
    updated_at            TEXT NOT NULL,
    PRIMARY KEY (source_unit, destination_unit)
);

-- Every bundle written or read, accepted or not. What could not be read names no source.
CREATE TABLE bundle_log (
    id                INTEGER PRIMARY KEY,
    direction         TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    file_name         TEXT NOT NULL,
    source_unit       TEXT,
    destination_unit  TEXT,
    sequence          INTEGER,
    manifest_sha256   TEXT,
    outcome           TEXT NOT NULL CHECK (outcome IN ('accepted', 'already', 'refused')),
    code              TEXT,
    message           TEXT,
    -- records per kind, JSON {"targets": 12, …}
    counts            TEXT,
    at                TEXT NOT NULL
);
CREATE INDEX bundle_log_chain ON bundle_log(source_unit, destination_unit, id);

-- Another office's id for something this office already had under its own id (the same unit code, position code,
-- or person by the roster's identity rule). Records arriving with remote_id refer to local_id here.
CREATE TABLE exchange_aliases (
    remote_id    TEXT PRIMARY KEY,
    local_id     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    source_unit  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

-- Evaluation periods belong to the office that opens them: a superior keeps its own months and those of the offices
-- below it side by side, so a period is unique per owner. The table is rebuilt for the new constraint inside the
-- migration's transaction, where foreign keys stay on: with the checks deferred to the commit, dropping the old table
-- leaves period_assessments' rows pointing at nothing for a moment, and copying the periods into the new table (same
-- name, same ids) settles every one of them again before the commit checks.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE evaluation_periods_copy AS SELECT * FROM evaluation_periods;
DROP TABLE evaluation_periods;
CREATE TABLE evaluation_periods (
    id          TEXT PRIMARY KEY,
    owner_unit  TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    year        INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('month', 'quarter')),
    idx         INTEGER NOT NULL,
    -- set when the period is closed: nothing in it changes afterwards
    closed_at   TEXT,
    closed_by   TEXT,
    UNIQUE (owner_unit, year, kind, idx)
);
INSERT INTO evaluation_periods (id, owner_unit, revision, created_at, updated_at, year, kind, idx, closed_at, closed_by)
    SELECT id, owner_unit, revision, created_at, updated_at, year, kind, idx, closed_at, closed_by FROM evaluation_periods_copy;
DROP TABLE evaluation_periods_copy;
