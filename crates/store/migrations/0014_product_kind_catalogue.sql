-- The office's product-kind catalogue (issue 13): NĐ 335 converts products by a coefficient for their size and
-- difficulty, per job position. The program ships defaults (assets/catalog/product_kinds.tsv); a row here is the
-- office's own change of a default (same code), a kind of its own, or a default it took out (removed = 1).
CREATE TABLE product_kinds (
    code         TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    measure      TEXT NOT NULL,
    -- hundredths: 1,5 = 150
    coefficient  INTEGER NOT NULL CHECK (coefficient > 0),
    -- position-group codes it applies to, comma-separated; '*' for every group
    groups       TEXT NOT NULL,
    removed      INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    changed_by   TEXT NOT NULL,
    changed_at   TEXT NOT NULL
);
