-- The disclosure control this build's published regional outputs apply, one row, so that
-- `csc publish` and the regional report read the threshold the warehouse was built with (var
-- suppression_threshold, default 5 as the DfE suppresses), not a default of their own.
select
    cast({{ checked_suppression_threshold() }} as integer) as suppression_threshold,
    cast('c' as string) as suppression_marker
