-- The settings this build applied, one row, so that every later step of the run reads the same
-- ones: the quality gate checks dates against the extract date that staging's "date after
-- extract date" rule used (var extract_date, or the build's run date when it is not set),
-- not against the day the gate happens to run.
select
    {{ extract_date_or_today() }} as extract_date,
    cast({{ "'var extract_date'" if checked_date_var('extract_date') else "'run date'" }} as {{ dbt.type_string() }})
        as extract_date_source
