-- The indicators this warehouse reports, one row per KPI, with their names and the labels of
-- their numerator and denominator worded with this run's local choices (macros/wording.sql):
-- the catalogue seed writes "{placement_stability_threshold} or more placements", this table
-- says "3 or more placements", or 4 when the var is 4. The report and the scorecard read the
-- names from here, so a label never contradicts the number it describes.
with catalogue as (

    select * from {{ ref('kpi_catalogue') }}

)

select
    cast(kpi_id as varchar) as kpi_id,
    cast(sort_order as integer) as sort_order,
    cast(area as varchar) as area,
    cast({{ kpi_text('kpi_name') }} as varchar) as kpi_name,
    cast(short_name as varchar) as short_name,
    cast({{ kpi_text('numerator_label') }} as varchar) as numerator_label,
    cast({{ kpi_text('denominator_label') }} as varchar) as denominator_label,
    cast(unit as varchar) as headline_unit,
    cast(headline_period_type as varchar) as headline_period_type,
    cast(direction as varchar) as direction,
    cast(rag_tolerance as double) as rag_tolerance,
    cast(rag_tolerance_kind as varchar) as rag_tolerance_kind,
    cast(history_months as integer) as history_months
from catalogue
