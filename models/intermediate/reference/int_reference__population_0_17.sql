-- 0-17 population per LA and year: the shipped seed population_0_17 with the LA's own rows (reference/population_0_17.csv
-- beside the extract) replacing seed rows with the same key (docs/extract-format.md, "The LA's
-- own reference files").
{{ reference_with_la_rows('population_0_17', ['la_code', 'year'], ['la_code', 'year', 'population']) }}
