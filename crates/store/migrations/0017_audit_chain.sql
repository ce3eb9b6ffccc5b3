-- Issue 15: an audit trail that shows tampering. Each entry carries the SHA-256 of the entry before it and its own
-- fields; ids are consecutive, so an entry edited or removed from the middle breaks the chain (`thuocdo audit verify`).
-- The entries written before this migration are sealed into the chain by the program as it migrates.
ALTER TABLE audit_log ADD COLUMN hash TEXT;
