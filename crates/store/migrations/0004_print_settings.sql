-- Print settings: page margins and type, and the header lines of printed documents, kept once per office.
-- Sizes are whole millimetres and points; the header texts are stored as the office wrote them (NFC), since the
-- official names of Party and State bodies cannot all be derived from the unit tree.

CREATE TABLE print_settings (
    singleton         INTEGER PRIMARY KEY CHECK (singleton = 1),
    margin_top_mm     INTEGER NOT NULL,
    margin_bottom_mm  INTEGER NOT NULL,
    margin_left_mm    INTEGER NOT NULL,
    margin_right_mm   INTEGER NOT NULL,
    body_size_pt      INTEGER NOT NULL,
    font              TEXT NOT NULL CHECK (font IN ('liberation', 'system_times')),
    party_superior    TEXT NOT NULL,
    party_issuer      TEXT NOT NULL,
    state_superior    TEXT NOT NULL,
    state_issuer      TEXT NOT NULL,
    place             TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
