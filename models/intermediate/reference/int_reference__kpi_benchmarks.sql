-- Benchmarks per LA, KPI, comparator and period: the shipped seed kpi_benchmarks with the LA's own rows (reference/kpi_benchmarks.csv
-- beside the extract) replacing seed rows with the same key (docs/extract-format.md, "The LA's
-- own reference files").
{{ reference_with_la_rows('kpi_benchmarks', ['la_code', 'kpi_id', 'comparator', 'period'], ['la_code', 'kpi_id', 'comparator', 'period', 'value']) }}
