-- Targets per LA, KPI and financial year: the shipped seed kpi_targets with the LA's own rows (reference/kpi_targets.csv
-- beside the extract) replacing seed rows with the same key (docs/extract-format.md, "The LA's
-- own reference files").
{{ reference_with_la_rows('kpi_targets', ['la_code', 'kpi_id', 'financial_year'], ['la_code', 'kpi_id', 'financial_year', 'target_value', 'target_count']) }}
