-- Products become the unit of evaluation (NĐ 335/2025): each product carries its conversion coefficient (quy đổi,
-- hundredths: 1,00 = 100) and the kind it was converted from, its unit of measure, its deadline, the day it was
-- delivered, and whether it was assigned by the head or only proposed by the cadre (a proposal counts once accepted).
-- A typed task-result value (only where the rule set allows it) carries its reason.
ALTER TABLE products ADD COLUMN coefficient INTEGER NOT NULL DEFAULT 100 CHECK (coefficient > 0);
ALTER TABLE products ADD COLUMN kind_code TEXT;
ALTER TABLE products ADD COLUMN measure TEXT;
ALTER TABLE products ADD COLUMN deadline TEXT;
ALTER TABLE products ADD COLUMN completed_on TEXT;
ALTER TABLE products ADD COLUMN plan_state TEXT NOT NULL DEFAULT 'assigned' CHECK (plan_state IN ('proposed', 'assigned'));

ALTER TABLE period_assessments ADD COLUMN task_points_reason TEXT;

-- The evidence a cadre gives for a product delivered (files kept once by content, like a report's evidence).
CREATE TABLE product_evidence (
    product_id  TEXT NOT NULL REFERENCES products(id),
    sha256      TEXT NOT NULL REFERENCES evidence_files(sha256),
    file_name   TEXT NOT NULL,
    PRIMARY KEY (product_id, sha256)
);

-- Who decides the levels of each position group (the cadre-management decentralisation), where the office changed
-- the shipped default: the Excellent quota applies within what one authority decides.
CREATE TABLE authority_choices (
    group_code  TEXT PRIMARY KEY,
    decided_by  TEXT NOT NULL CHECK (decided_by IN ('province', 'commune'))
);

-- The committee's order for equal points at the edge of the Excellent quota (1 keeps first), per year.
CREATE TABLE quota_tie_orders (
    year       INTEGER NOT NULL,
    person_id  TEXT NOT NULL REFERENCES people(id),
    rank       INTEGER NOT NULL CHECK (rank > 0),
    set_by     TEXT NOT NULL,
    set_at     TEXT NOT NULL,
    PRIMARY KEY (year, person_id)
);
