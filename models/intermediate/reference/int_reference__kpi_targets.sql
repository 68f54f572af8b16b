-- Targets per LA, KPI and financial year: the shipped seed kpi_targets with the LA's own rows (reference/kpi_targets.csv
-- beside the extract) replacing seed rows with the same key (contract, "The LA's own
-- reference data").
{{ reference_with_la_rows('kpi_targets', ['la_code', 'kpi_id', 'financial_year'], ['la_code', 'kpi_id', 'financial_year', 'target_value', 'target_count']) }}
