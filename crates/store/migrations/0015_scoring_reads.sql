-- Scoring reads every product of a year at once (a province: 400.000 a year). An index that holds the figures it
-- reads lets SQLite answer from the index alone (≈31 MB for a province year) instead of the whole table (≈130 MB,
-- titles and dates included): measured 74 ms instead of 131 ms for the province demo's year. It replaces the index
-- by person and year, which it begins with.
DROP INDEX products_person;
CREATE INDEX products_figures ON products(
    person_id, year, period_kind, period_index, plan_state, coefficient, required, delivered, quality, major_errors, on_time, delays
);
