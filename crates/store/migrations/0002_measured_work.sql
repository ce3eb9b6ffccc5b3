-- Measured work: task groups, numeric targets and their cascade, progress reports with evidence files,
-- products (NĐ 335/2025), breakthrough tasks and action programmes. Every travelling record carries the
-- provenance columns of 0001. Quantities are integers in hundredths; nothing is a float.

-- Task groups are configurable; these four are the groups of the seeds (Vĩnh Phúc 2021 used four).
CREATE TABLE task_groups (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    sort_order  INTEGER NOT NULL
);
INSERT INTO task_groups (code, name, name_en, sort_order) VALUES
    ('xay_dung_dang', 'Xây dựng Đảng và hệ thống chính trị', 'Party building and the political system', 1),
    ('kinh_te_xa_hoi', 'Phát triển kinh tế - xã hội', 'Socio-economic development', 2),
    ('quoc_phong_an_ninh', 'Quốc phòng, an ninh', 'Defence and security', 3),
    ('hai_long', 'Sự hài lòng của người dân, doanh nghiệp', 'Satisfaction of people and businesses', 4);

CREATE TABLE targets (
    id               TEXT PRIMARY KEY,
    owner_unit       TEXT NOT NULL,
    revision         INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    year             INTEGER NOT NULL,
    unit_id          TEXT NOT NULL REFERENCES units(id),
    -- the cadre it is assigned to; NULL for the unit as a whole (then its head answers for it)
    person_id        TEXT REFERENCES people(id),
    code             TEXT NOT NULL,
    group_code       TEXT NOT NULL REFERENCES task_groups(code),
    name             TEXT NOT NULL,
    name_folded      TEXT NOT NULL,
    measure          TEXT NOT NULL,
    plan             INTEGER NOT NULL,
    direction        TEXT NOT NULL CHECK (direction IN ('higher', 'lower', 'milestone')),
    accumulation     TEXT NOT NULL CHECK (accumulation IN ('sum', 'latest')),
    weight           INTEGER NOT NULL CHECK (weight > 0),
    start_date       TEXT NOT NULL,
    deadline         TEXT NOT NULL,
    source_document  TEXT,
    parent_id        TEXT REFERENCES targets(id),
    UNIQUE (year, unit_id, code)
);
CREATE INDEX targets_person ON targets(person_id);
CREATE INDEX targets_parent ON targets(parent_id);

CREATE TABLE progress_reports (
    id            TEXT PRIMARY KEY,
    owner_unit    TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    target_id     TEXT NOT NULL REFERENCES targets(id),
    period_kind   TEXT NOT NULL CHECK (period_kind IN ('month', 'quarter')),
    period_index  INTEGER NOT NULL,
    value         INTEGER NOT NULL,
    comment       TEXT,
    reported_by   TEXT NOT NULL,
    reported_at   TEXT NOT NULL,
    UNIQUE (target_id, period_kind, period_index)
);

-- Evidence files addressed by their SHA-256, kept inside the office database so that a report and its
-- evidence are saved (and backed up, and sent) together or not at all.
CREATE TABLE evidence_files (
    sha256      TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    content     BLOB NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE report_evidence (
    report_id  TEXT NOT NULL REFERENCES progress_reports(id),
    sha256     TEXT NOT NULL REFERENCES evidence_files(sha256),
    file_name  TEXT NOT NULL,
    PRIMARY KEY (report_id, sha256)
);

-- NĐ 335/2025: a product assigned to a cadre for a period (period_kind 'year' has index 0).
CREATE TABLE products (
    id            TEXT PRIMARY KEY,
    owner_unit    TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    person_id     TEXT NOT NULL REFERENCES people(id),
    year          INTEGER NOT NULL,
    period_kind   TEXT NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year')),
    period_index  INTEGER NOT NULL,
    title         TEXT NOT NULL,
    source_kind   TEXT CHECK (source_kind IN ('target', 'breakthrough', 'action_item')),
    source_id     TEXT,
    required      INTEGER NOT NULL CHECK (required > 0),
    -- the assessment; all NULL until assessed
    delivered     INTEGER,
    quality       INTEGER,
    major_errors  INTEGER,
    on_time       INTEGER,
    delays        INTEGER,
    assessed_by   TEXT,
    assessed_at   TEXT
);
CREATE INDEX products_person ON products(person_id, year);

CREATE TABLE breakthrough_tasks (
    id                 TEXT PRIMARY KEY,
    owner_unit         TEXT NOT NULL,
    revision           INTEGER NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    year               INTEGER NOT NULL,
    person_id          TEXT NOT NULL REFERENCES people(id),
    unit_id            TEXT NOT NULL REFERENCES units(id),
    title              TEXT NOT NULL,
    description        TEXT NOT NULL,
    expected_result    TEXT NOT NULL,
    deadline           TEXT NOT NULL,
    state              TEXT NOT NULL CHECK (state IN ('registered', 'returned', 'rejected', 'approved', 'completed', 'not_completed')),
    decision_document  TEXT
);
CREATE INDEX breakthrough_year ON breakthrough_tasks(year, state);

-- The history of a breakthrough task: every decision and note, never rewritten.
CREATE TABLE breakthrough_events (
    id          TEXT PRIMARY KEY,
    owner_unit  TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    task_id     TEXT NOT NULL REFERENCES breakthrough_tasks(id),
    action      TEXT NOT NULL,
    comment     TEXT,
    document    TEXT,
    actor       TEXT NOT NULL
);
CREATE INDEX breakthrough_events_task ON breakthrough_events(task_id);

CREATE TABLE action_programmes (
    id              TEXT PRIMARY KEY,
    owner_unit      TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    person_id       TEXT NOT NULL REFERENCES people(id),
    occasion        TEXT NOT NULL CHECK (occasion IN ('nomination', 'appointment', 'reappointment')),
    position_title  TEXT NOT NULL,
    presented_on    TEXT NOT NULL,
    summary         TEXT NOT NULL
);
CREATE INDEX action_programmes_person ON action_programmes(person_id);

CREATE TABLE action_items (
    id               TEXT PRIMARY KEY,
    owner_unit       TEXT NOT NULL,
    revision         INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    programme_id     TEXT NOT NULL REFERENCES action_programmes(id),
    ordinal          INTEGER NOT NULL,
    work             TEXT NOT NULL,
    person           TEXT NOT NULL,
    deadline         TEXT NOT NULL,
    expected_result  TEXT NOT NULL,
    responsibility   TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('not_started', 'in_progress', 'done', 'dropped')),
    result_note      TEXT
);
CREATE INDEX action_items_programme ON action_items(programme_id);
