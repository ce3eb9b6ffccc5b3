-- Exchange, second part (EXCHANGE.md): receipts, keys over time, and approvals.

-- Receipts (import rule 7). What this office acknowledged for each bundle it accepted: the receipt's JSON, signed
-- with the office key when someone asks for the file, and sent back down inside the next bundle to that office.
CREATE TABLE issued_receipts (
    source_unit       TEXT NOT NULL,
    destination_unit  TEXT NOT NULL,
    sequence          INTEGER NOT NULL CHECK (sequence >= 1),
    manifest_sha256   TEXT NOT NULL,
    receipt           TEXT NOT NULL,
    issued_at         TEXT NOT NULL,
    PRIMARY KEY (source_unit, destination_unit, sequence)
);

-- Receipts this office received for bundles it sent, from a receipt file or inside a bundle from the receiver.
CREATE TABLE received_receipts (
    source_unit       TEXT NOT NULL,
    destination_unit  TEXT NOT NULL,
    sequence          INTEGER NOT NULL CHECK (sequence >= 1),
    manifest_sha256   TEXT NOT NULL,
    receipt           TEXT NOT NULL,
    received_at       TEXT NOT NULL,
    recorded_at       TEXT NOT NULL,
    via               TEXT NOT NULL CHECK (via IN ('file', 'bundle')),
    PRIMARY KEY (source_unit, destination_unit, sequence)
);

-- Revoked keys: decided here by a superior for a unit below, or learnt from the superior's bundle (which carries
-- them further down). A bundle signed with a revoked key is refused; an office whose own key is revoked signs nothing.
CREATE TABLE key_revocations (
    unit_code    TEXT NOT NULL,
    key_id       TEXT NOT NULL,
    revoked_at   TEXT NOT NULL,
    reason       TEXT NOT NULL,
    decided_by   TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (unit_code, key_id)
);

-- Rotation: the key the office signed with before its current one, kept to sign the announcement of the new key to
-- every office that knows only the old one, and which destinations have had the announcement.
ALTER TABLE office ADD COLUMN previous_key_id TEXT;
ALTER TABLE office ADD COLUMN previous_secret_key_wrapped TEXT;
CREATE TABLE key_announcements (
    destination_unit  TEXT NOT NULL,
    key_id            TEXT NOT NULL,
    sequence          INTEGER NOT NULL,
    announced_at      TEXT NOT NULL,
    PRIMARY KEY (destination_unit, key_id)
);

-- A superior's approval of a unit's year ("What the superior sees"), with its decision and the collective's level.
-- It travels down like any record of the superior's. Wherever it is stored, the approved unit's own records of that
-- year are locked: the triggers below refuse to insert, change or delete them (at the superior a later bundle's
-- changes become conflicts; at the unit its screens refuse the edit).
CREATE TABLE period_approvals (
    id                TEXT PRIMARY KEY,
    owner_unit        TEXT NOT NULL,
    revision          INTEGER NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    unit_id           TEXT NOT NULL REFERENCES units(id),
    year              INTEGER NOT NULL,
    decision          TEXT NOT NULL,
    collective_level  TEXT CHECK (collective_level IN ('excellent', 'good', 'completed', 'not_completed')),
    approved_by       TEXT NOT NULL,
    approved_on       TEXT NOT NULL,
    UNIQUE (unit_id, year)
);

CREATE TRIGGER targets_approved_insert BEFORE INSERT ON targets WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = NEW.owner_unit AND a.year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER targets_approved_update BEFORE UPDATE ON targets WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = OLD.owner_unit AND a.year = OLD.year) OR EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = NEW.owner_unit AND a.year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER targets_approved_delete BEFORE DELETE ON targets WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = OLD.owner_unit AND a.year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER products_approved_insert BEFORE INSERT ON products WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = NEW.owner_unit AND a.year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER products_approved_update BEFORE UPDATE ON products WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = OLD.owner_unit AND a.year = OLD.year) OR EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = NEW.owner_unit AND a.year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER products_approved_delete BEFORE DELETE ON products WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = OLD.owner_unit AND a.year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER breakthrough_tasks_approved_insert BEFORE INSERT ON breakthrough_tasks WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = NEW.owner_unit AND a.year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER breakthrough_tasks_approved_update BEFORE UPDATE ON breakthrough_tasks WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = OLD.owner_unit AND a.year = OLD.year) OR EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = NEW.owner_unit AND a.year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER breakthrough_tasks_approved_delete BEFORE DELETE ON breakthrough_tasks WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = OLD.owner_unit AND a.year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER year_facts_approved_insert BEFORE INSERT ON year_facts WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = NEW.owner_unit AND a.year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER year_facts_approved_update BEFORE UPDATE ON year_facts WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = OLD.owner_unit AND a.year = OLD.year) OR EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = NEW.owner_unit AND a.year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER year_facts_approved_delete BEFORE DELETE ON year_facts WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = OLD.owner_unit AND a.year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER review_meetings_approved_insert BEFORE INSERT ON review_meetings WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = NEW.owner_unit AND a.year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER review_meetings_approved_update BEFORE UPDATE ON review_meetings WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = OLD.owner_unit AND a.year = OLD.year) OR EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = NEW.owner_unit AND a.year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER review_meetings_approved_delete BEFORE DELETE ON review_meetings WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = OLD.owner_unit AND a.year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER evaluation_periods_approved_insert BEFORE INSERT ON evaluation_periods WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = NEW.owner_unit AND a.year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER evaluation_periods_approved_update BEFORE UPDATE ON evaluation_periods WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = OLD.owner_unit AND a.year = OLD.year) OR EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = NEW.owner_unit AND a.year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER evaluation_periods_approved_delete BEFORE DELETE ON evaluation_periods WHEN EXISTS (SELECT 1 FROM period_approvals a WHERE a.unit_id = OLD.owner_unit AND a.year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER progress_reports_approved_insert BEFORE INSERT ON progress_reports WHEN EXISTS (SELECT 1 FROM period_approvals a JOIN targets p ON p.id = NEW.target_id WHERE a.unit_id = NEW.owner_unit AND a.year = p.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER progress_reports_approved_update BEFORE UPDATE ON progress_reports WHEN EXISTS (SELECT 1 FROM period_approvals a JOIN targets p ON p.id = OLD.target_id WHERE a.unit_id = OLD.owner_unit AND a.year = p.year) OR EXISTS (SELECT 1 FROM period_approvals a JOIN targets p ON p.id = NEW.target_id WHERE a.unit_id = NEW.owner_unit AND a.year = p.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER progress_reports_approved_delete BEFORE DELETE ON progress_reports WHEN EXISTS (SELECT 1 FROM period_approvals a JOIN targets p ON p.id = OLD.target_id WHERE a.unit_id = OLD.owner_unit AND a.year = p.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER period_assessments_approved_insert BEFORE INSERT ON period_assessments WHEN EXISTS (SELECT 1 FROM period_approvals a JOIN evaluation_periods p ON p.id = NEW.period_id WHERE a.unit_id = NEW.owner_unit AND a.year = p.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER period_assessments_approved_update BEFORE UPDATE ON period_assessments WHEN EXISTS (SELECT 1 FROM period_approvals a JOIN evaluation_periods p ON p.id = OLD.period_id WHERE a.unit_id = OLD.owner_unit AND a.year = p.year) OR EXISTS (SELECT 1 FROM period_approvals a JOIN evaluation_periods p ON p.id = NEW.period_id WHERE a.unit_id = NEW.owner_unit AND a.year = p.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER period_assessments_approved_delete BEFORE DELETE ON period_assessments WHEN EXISTS (SELECT 1 FROM period_approvals a JOIN evaluation_periods p ON p.id = OLD.period_id WHERE a.unit_id = OLD.owner_unit AND a.year = p.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER meeting_subjects_approved_insert BEFORE INSERT ON meeting_subjects WHEN EXISTS (SELECT 1 FROM period_approvals a JOIN review_meetings p ON p.id = NEW.meeting_id WHERE a.unit_id = NEW.owner_unit AND a.year = p.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER meeting_subjects_approved_update BEFORE UPDATE ON meeting_subjects WHEN EXISTS (SELECT 1 FROM period_approvals a JOIN review_meetings p ON p.id = OLD.meeting_id WHERE a.unit_id = OLD.owner_unit AND a.year = p.year) OR EXISTS (SELECT 1 FROM period_approvals a JOIN review_meetings p ON p.id = NEW.meeting_id WHERE a.unit_id = NEW.owner_unit AND a.year = p.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
CREATE TRIGGER meeting_subjects_approved_delete BEFORE DELETE ON meeting_subjects WHEN EXISTS (SELECT 1 FROM period_approvals a JOIN review_meetings p ON p.id = OLD.meeting_id WHERE a.unit_id = OLD.owner_unit AND a.year = p.year)
BEGIN SELECT RAISE(ABORT, 'thuocdo:year_approved'); END;
