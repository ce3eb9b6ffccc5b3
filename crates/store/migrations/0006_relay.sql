-- Relay (EXCHANGE.md): an office between a commune and the province keeps the original bytes of every bundle it
-- accepted from below, and forwards them unchanged inside its own next bundle upward, so that the top verifies each
-- original signature. Forwarded-ness is kept per destination (the superior may change).

-- The original file of each bundle accepted from an office below, one per source and sequence.
CREATE TABLE received_bundles (
    source_unit      TEXT NOT NULL,
    sequence         INTEGER NOT NULL CHECK (sequence >= 1),
    manifest_sha256  TEXT NOT NULL,
    file_name        TEXT NOT NULL,
    bytes            BLOB NOT NULL,
    received_at      TEXT NOT NULL,
    PRIMARY KEY (source_unit, sequence)
);

-- A received bundle forwarded to a destination inside one of this office's bundles (by its sequence on that chain).
CREATE TABLE relay_forwarded (
    source_unit       TEXT NOT NULL,
    sequence          INTEGER NOT NULL,
    destination_unit  TEXT NOT NULL,
    outer_sequence    INTEGER NOT NULL,
    forwarded_at      TEXT NOT NULL,
    PRIMARY KEY (source_unit, sequence, destination_unit),
    FOREIGN KEY (source_unit, sequence) REFERENCES received_bundles(source_unit, sequence)
);
