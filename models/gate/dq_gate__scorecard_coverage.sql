-- The quality gate's frame of scorecard coverage: one row per LA, month and KPI with values
-- or a scorecard row in that month: is it in both? The gate keeps the month being published
-- and reports a month with neither as 'month_not_reported'.
{{ config(materialized='view') }}

with pairs as (

    select la_code, month_end, kpi_id, bool_or(in_kv) as in_kv, bool_or(in_sc) as in_sc
    from (
        select distinct la_code, month_end, kpi_id, true as in_kv, false as in_sc
        from {{ ref('kpi_values') }}
        union all
        select distinct la_code, month_end, kpi_id, false as in_kv, true as in_sc
        from {{ ref('scorecard') }}
    ) as both_sides
    group by la_code, month_end, kpi_id

)

select
    la_code,
    kpi_id as subject,
    {{ year_month('month_end') }} as detail,
    case
        when not in_sc then 'missing_from_scorecard'
        when not in_kv then 'scorecard_without_kpi_values'
        else 'complete'
    end as status,
    month_end
from pairs
