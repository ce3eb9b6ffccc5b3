-- Evaluation and classification: rule-set choice per position group, monthly or quarterly periods with
-- self-assessment and the superior's points, facts of the year, anonymous multi-source feedback, and review
-- meetings whose decided levels lock. Points are integers in hundredths.

-- Which rule set the office applies to an equivalent-position group; group '*' is everyone else.
CREATE TABLE ruleset_choices (
    group_code    TEXT PRIMARY KEY,
    ruleset_code  TEXT NOT NULL
);

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
    UNIQUE (year, kind, idx)
);

-- One person's period: self-assessment per criterion, the direct superior's points per criterion, task-result
-- points entered by hand when no product was assessed; criteria points are JSON {"politics": 750, …}.
CREATE TABLE period_assessments (
    id               TEXT PRIMARY KEY,
    owner_unit       TEXT NOT NULL,
    revision         INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    period_id        TEXT NOT NULL REFERENCES evaluation_periods(id),
    person_id        TEXT NOT NULL REFERENCES people(id),
    self_points      TEXT,
    self_text        TEXT,
    superior_points  TEXT,
    superior_comment TEXT,
    task_points      INTEGER,
    UNIQUE (period_id, person_id)
);
CREATE INDEX period_assessments_person ON period_assessments(person_id);

-- What the year's level depends on that the app cannot derive, for a person or a collective (subject = unit id).
CREATE TABLE year_facts (
    id                  TEXT PRIMARY KEY,
    owner_unit          TEXT NOT NULL,
    revision            INTEGER NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    year                INTEGER NOT NULL,
    subject_id          TEXT NOT NULL,
    discipline          TEXT CHECK (discipline IN ('reprimand', 'warning', 'dismissal')),
    months_worked       INTEGER NOT NULL DEFAULT 12,
    months_absent       INTEGER NOT NULL DEFAULT 0,
    low_confidence      INTEGER,
    shortcomings_fixed  INTEGER NOT NULL DEFAULT 1,
    outstanding_unit    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (year, subject_id)
);

-- Anonymous multi-source feedback (Nghệ An). That someone rated is kept apart from what was given: the scores
-- carry no rater, no time and no revision, and their random keys (WITHOUT ROWID) keep no insertion order.
CREATE TABLE feedback_participation (
    year            INTEGER NOT NULL,
    rated_id        TEXT NOT NULL REFERENCES people(id),
    rater_id        TEXT NOT NULL REFERENCES people(id),
    PRIMARY KEY (year, rated_id, rater_id)
) WITHOUT ROWID;

CREATE TABLE feedback_scores (
    key         TEXT PRIMARY KEY,
    year        INTEGER NOT NULL,
    rated_id    TEXT NOT NULL REFERENCES people(id),
    rater_group TEXT NOT NULL,
    points      INTEGER NOT NULL CHECK (points BETWEEN 0 AND 10000)
) WITHOUT ROWID;
CREATE INDEX feedback_scores_rated ON feedback_scores(year, rated_id);

CREATE TABLE review_meetings (
    id          TEXT PRIMARY KEY,
    owner_unit  TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    year        INTEGER NOT NULL,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    held_on     TEXT NOT NULL,
    place       TEXT NOT NULL,
    chair       TEXT NOT NULL,
    secretary   TEXT NOT NULL,
    invited     INTEGER NOT NULL DEFAULT 0,
    present     INTEGER NOT NULL DEFAULT 0,
    absent_note TEXT,
    locked_at   TEXT,
    locked_by   TEXT
);
CREATE INDEX review_meetings_year ON review_meetings(year, unit_id);

-- Each person or collective reviewed: the proposal as it stood when the meeting was opened (with the rule set and
-- version it came from), the vote, and the authority's decision.
CREATE TABLE meeting_subjects (
    id                  TEXT PRIMARY KEY,
    owner_unit          TEXT NOT NULL,
    revision            INTEGER NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    meeting_id          TEXT NOT NULL REFERENCES review_meetings(id),
    ordinal             INTEGER NOT NULL,
    subject_kind        TEXT NOT NULL CHECK (subject_kind IN ('person', 'collective')),
    subject_id          TEXT NOT NULL,
    name                TEXT NOT NULL,
    position            TEXT,
    group_code          TEXT,
    is_head             INTEGER NOT NULL DEFAULT 0,
    points              INTEGER,
    proposed_level      TEXT NOT NULL,
    quota_adjusted      INTEGER NOT NULL DEFAULT 0,
    reasons             TEXT NOT NULL,
    ruleset_code        TEXT NOT NULL,
    ruleset_version     INTEGER NOT NULL,
    vote_method         TEXT CHECK (vote_method IN ('ballot', 'hands')),
    votes_excellent     INTEGER,
    votes_good          INTEGER,
    votes_completed     INTEGER,
    votes_not_completed INTEGER,
    decided_level       TEXT,
    decision_reason     TEXT,
    decided_by          TEXT,
    decided_at          TEXT,
    UNIQUE (meeting_id, subject_kind, subject_id)
);
CREATE INDEX meeting_subjects_subject ON meeting_subjects(subject_id);
