-- The completeness board (EXCHANGE.md "What the superior sees") asks which bundles covered a period: the periods a
-- bundle's signed manifest lists are kept with its log row, as a JSON array of strings ("2026", "2026-09", "2026-Q3").
-- Rows written before this migration have none (NULL): they cover no period.
ALTER TABLE bundle_log ADD COLUMN periods TEXT;
