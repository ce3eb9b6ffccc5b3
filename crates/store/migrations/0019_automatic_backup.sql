-- Issue 15: an automatic daily backup to a folder the administrator chose (a USB stick, a second disk), made when
-- the office is opened and no copy was made that day. One row per office database; it does not travel in bundles.
CREATE TABLE backup_settings (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    folder      TEXT NOT NULL,
    daily       INTEGER NOT NULL CHECK (daily IN (0, 1)),
    updated_at  TEXT NOT NULL
);
