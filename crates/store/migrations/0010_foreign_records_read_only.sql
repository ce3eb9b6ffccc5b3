-- Only the owner changes a record (EXCHANGE.md import rule 5, for this office's own screens): a record another office
-- sent (owned by its unit) is read-only here, except when a bundle from its owner writes it. Without this, an edit at
-- the superior would take a revision from the superior's own clock and then shadow, or be shadowed by, the owner's
-- next bundle at random. The import marks its own writes in exchange_writing (a row that exists only inside its
-- transaction). Breakthrough tasks are left out: the superior's decision on an office's task changes the task's state
-- where the decision is taken (the decision itself travels down as an event).
CREATE TABLE exchange_writing (singleton INTEGER PRIMARY KEY CHECK (singleton = 1));

CREATE TRIGGER units_foreign_update BEFORE UPDATE ON units WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER units_foreign_delete BEFORE DELETE ON units WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER position_groups_foreign_update BEFORE UPDATE ON position_groups WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER position_groups_foreign_delete BEFORE DELETE ON position_groups WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER positions_foreign_update BEFORE UPDATE ON positions WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER positions_foreign_delete BEFORE DELETE ON positions WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER people_foreign_update BEFORE UPDATE ON people WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER people_foreign_delete BEFORE DELETE ON people WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER assignments_foreign_update BEFORE UPDATE ON assignments WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER assignments_foreign_delete BEFORE DELETE ON assignments WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER targets_foreign_update BEFORE UPDATE ON targets WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER targets_foreign_delete BEFORE DELETE ON targets WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER progress_reports_foreign_update BEFORE UPDATE ON progress_reports WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER progress_reports_foreign_delete BEFORE DELETE ON progress_reports WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER products_foreign_update BEFORE UPDATE ON products WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER products_foreign_delete BEFORE DELETE ON products WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER breakthrough_events_foreign_update BEFORE UPDATE ON breakthrough_events WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER breakthrough_events_foreign_delete BEFORE DELETE ON breakthrough_events WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER action_programmes_foreign_update BEFORE UPDATE ON action_programmes WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER action_programmes_foreign_delete BEFORE DELETE ON action_programmes WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER action_items_foreign_update BEFORE UPDATE ON action_items WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER action_items_foreign_delete BEFORE DELETE ON action_items WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER evaluation_periods_foreign_update BEFORE UPDATE ON evaluation_periods WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER evaluation_periods_foreign_delete BEFORE DELETE ON evaluation_periods WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER period_assessments_foreign_update BEFORE UPDATE ON period_assessments WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER period_assessments_foreign_delete BEFORE DELETE ON period_assessments WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER year_facts_foreign_update BEFORE UPDATE ON year_facts WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER year_facts_foreign_delete BEFORE DELETE ON year_facts WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER review_meetings_foreign_update BEFORE UPDATE ON review_meetings WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER review_meetings_foreign_delete BEFORE DELETE ON review_meetings WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER meeting_subjects_foreign_update BEFORE UPDATE ON meeting_subjects WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER meeting_subjects_foreign_delete BEFORE DELETE ON meeting_subjects WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER period_approvals_foreign_update BEFORE UPDATE ON period_approvals WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
CREATE TRIGGER period_approvals_foreign_delete BEFORE DELETE ON period_approvals WHEN OLD.owner_unit <> (SELECT unit_id FROM office) AND NOT EXISTS (SELECT 1 FROM exchange_writing)
BEGIN SELECT RAISE(ABORT, 'thuocdo:foreign_record'); END;
