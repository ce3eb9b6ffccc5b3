-- Issue 15: an office with several people.
-- Roles that match an office: administrator; organisation staff (appraise, propose, run meetings, send and receive
-- bundles); data entry (plans, products, progress, optionally only for one unit and those below it); leadership /
-- read-only. The old "staff" role did what organisation staff do now.
-- Each account carries the office secret wrapped with its own password: the signing keys are sealed under that
-- secret, so every administrator and organisation staff member can sign, and a password change re-wraps one value.
-- An account is deactivated, never deleted: the audit log and the records name it.
CREATE TABLE users_with_roles (
    id              TEXT PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'organisation', 'data_entry', 'viewer')),
    unit_id         TEXT REFERENCES units(id),
    password_hash   TEXT NOT NULL,
    secret_wrapped  TEXT,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL,
    deactivated_at  TEXT
);
INSERT INTO users_with_roles (id, username, role, unit_id, password_hash, secret_wrapped, failed_logins, locked_until, created_at, deactivated_at)
    SELECT id, username, CASE role WHEN 'staff' THEN 'organisation' ELSE role END, NULL, password_hash, NULL,
           failed_logins, locked_until, created_at, NULL
    FROM users;
DROP TABLE users;
ALTER TABLE users_with_roles RENAME TO users;
