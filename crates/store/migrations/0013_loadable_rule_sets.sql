-- Rule sets an office can load (issue 14): a rule-set file (TOML) imported by the administrator or sent down by the
-- office above is kept as written, each version apart; the version in force is the highest one. Both the sets and
-- the choice of which set applies to which position group travel down in signed bundles, so a province's choice
-- applies in its communes.
CREATE TABLE rulesets (
    id           TEXT PRIMARY KEY,
    owner_unit   TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    code         TEXT NOT NULL,
    version      INTEGER NOT NULL CHECK (version >= 1),
    -- the file's text, checked by domain::ruleset::RuleSet::parse before it is stored
    source       TEXT NOT NULL,
    imported_by  TEXT NOT NULL,
    UNIQUE (owner_unit, code, version)
);

-- The choices become travelling records owned by the office that made them. A choice taken back is kept with no
-- rule set (deletions do not travel). Rows written before this migration become the office's own; their ids are
-- the office unit's id with the row number in the last part, unique across offices.
CREATE TABLE ruleset_choices_copy AS SELECT rowid AS n, group_code, ruleset_code FROM ruleset_choices;
DROP TABLE ruleset_choices;
CREATE TABLE ruleset_choices (
    id            TEXT PRIMARY KEY,
    owner_unit    TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    group_code    TEXT NOT NULL,
    ruleset_code  TEXT,
    UNIQUE (owner_unit, group_code)
);
INSERT INTO ruleset_choices (id, owner_unit, revision, created_at, updated_at, group_code, ruleset_code)
    SELECT substr(COALESCE(o.unit_id, '00000000-0000-0000-0000-'), 1, 24) || printf('%012x', c.n), COALESCE(o.unit_id, ''),
           r.last + c.n, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), c.group_code, c.ruleset_code
    FROM ruleset_choices_copy c CROSS JOIN revision_clock r LEFT JOIN office o;
UPDATE revision_clock SET last = last + COALESCE((SELECT max(n) FROM ruleset_choices_copy), 0);
DROP TABLE ruleset_choices_copy;

CREATE TRIGGER rulesets_foreign_update BEFORE UPDATE ON rulesets WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER rulesets_foreign_delete BEFORE DELETE ON rulesets WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER ruleset_choices_foreign_update BEFORE UPDATE ON ruleset_choices WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER ruleset_choices_foreign_delete BEFORE DELETE ON ruleset_choices WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
