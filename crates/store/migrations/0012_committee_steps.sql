-- The committee's steps (DOMAIN.md rule 9, issue 14): the level the rules computed, the organisation staff's
-- proposal (which may differ from it, with a written reason), then the authority's decision. Rows written before
-- this migration had only the proposal: it was the computed level.
ALTER TABLE meeting_subjects ADD COLUMN computed_level TEXT;
UPDATE meeting_subjects SET computed_level = proposed_level;
ALTER TABLE meeting_subjects ADD COLUMN proposal_reason TEXT;
ALTER TABLE meeting_subjects ADD COLUMN proposed_by TEXT;
ALTER TABLE meeting_subjects ADD COLUMN proposed_at TEXT;
-- The place the committee's tie order gave the person at the quota's edge (1 = first to keep Excellent), when a
-- tie was decided that way.
ALTER TABLE meeting_subjects ADD COLUMN tie_rank INTEGER;
-- The unit whose collective this person heads (a sub-unit's head is decided after that sub-unit's collective).
ALTER TABLE meeting_subjects ADD COLUMN head_of_unit TEXT;
