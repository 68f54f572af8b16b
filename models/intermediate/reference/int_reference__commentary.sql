-- Managers' commentary per LA, KPI and month: the shipped seed commentary with the LA's own rows (reference/commentary.csv
-- beside the extract) replacing seed rows with the same key (docs/extract-format.md, "The LA's
-- own reference files").
{{ reference_with_la_rows('commentary', ['la_code', 'kpi_id', 'month'], ['la_code', 'kpi_id', 'month', 'commentary']) }}
