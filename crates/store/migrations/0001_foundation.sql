-- Foundation: the office, its users, the organisation tree, positions, people and their position history.
-- Every record that travels between offices carries a UUID, the owner unit that alone may change it,
-- a per-office monotonic revision and UTC timestamps (ARCHITECTURE.md, data-model principles).

CREATE TABLE unit_levels (
    code     TEXT PRIMARY KEY,
    name_vi  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    rank     INTEGER NOT NULL
);

-- Two-tier local government since 1/7/2025; the former district tier stays available for offices that model it.
INSERT INTO unit_levels (code, name_vi, name_en, rank) VALUES
    ('province',     'Tỉnh, thành phố',  'Province',          1),
    ('district',     'Huyện (cấp cũ)',   'District (former)', 2),
    ('commune',      'Xã',               'Commune',           3),
    ('ward',         'Phường',           'Ward',              3),
    ('special_zone', 'Đặc khu',          'Special zone',      3),
    ('agency',       'Cơ quan',          'Agency',            4),
    ('party_cell',   'Chi bộ',           'Party cell',        5),
    ('department',   'Phòng, ban',       'Department',        5);

CREATE TABLE units (
    id           TEXT PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    name_folded  TEXT NOT NULL,
    level        TEXT NOT NULL REFERENCES unit_levels(code),
    parent_id    TEXT REFERENCES units(id),
    owner_unit   TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_name_folded ON units(name_folded);

-- The one office this database serves.
CREATE TABLE office (
    singleton            INTEGER PRIMARY KEY CHECK (singleton = 1),
    unit_id              TEXT NOT NULL REFERENCES units(id),
    superior_code        TEXT,
    key_id               TEXT NOT NULL,
    public_key           TEXT NOT NULL,
    secret_key_wrapped   TEXT NOT NULL,
    created_at           TEXT NOT NULL
);

-- The office's revision clock: every write of a travelling record takes the next value.
CREATE TABLE revision_clock (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
    last       INTEGER NOT NULL
);
INSERT INTO revision_clock (singleton, last) VALUES (1, 0);

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'viewer')),
    password_hash   TEXT NOT NULL,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL
);

CREATE TABLE position_groups (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    owner_unit  TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE positions (
    id           TEXT PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    name_folded  TEXT NOT NULL UNIQUE,
    group_id     TEXT NOT NULL REFERENCES position_groups(id),
    is_head      INTEGER NOT NULL DEFAULT 0 CHECK (is_head IN (0, 1)),
    owner_unit   TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

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
    -- the identity rule of the roster: the same folded name and birth date is the same person
    UNIQUE (name_folded, birth_date)
);
CREATE INDEX people_unit ON people(unit_id);
CREATE INDEX people_sort ON people(sort_key);

-- Position history: a cadre holds positions over time; nothing is overwritten, an assignment is ended.
CREATE TABLE assignments (
    id                  TEXT PRIMARY KEY,
    person_id           TEXT NOT NULL REFERENCES people(id),
    position_id         TEXT NOT NULL REFERENCES positions(id),
    unit_id             TEXT NOT NULL REFERENCES units(id),
    start_kind          TEXT NOT NULL CHECK (start_kind IN ('appointment', 'reappointment', 'election', 'recruitment', 'rotation', 'transfer')),
    start_date          TEXT,
    reappointment_due   TEXT,
    end_date            TEXT,
    end_reason          TEXT CHECK (end_reason IN ('rotation', 'transfer', 'term_end', 'retirement', 'dismissal', 'other')),
    owner_unit          TEXT NOT NULL,
    revision            INTEGER NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX assignments_person ON assignments(person_id);
CREATE INDEX assignments_current ON assignments(person_id) WHERE end_date IS NULL;

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    username  TEXT NOT NULL,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL
);
