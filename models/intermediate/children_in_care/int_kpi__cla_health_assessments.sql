-- cla_health_assessments (docs/kpis.md, `cla_dental_checks` and `cla_health_assessments`): of
-- the children looked after continuously for 12 months at month end, the percentage with a
-- completed health assessment in their window (cohort and windows: int_cla__health_checks_monthly).
with monthly as (

    select la_code, month_end, sum(has_health_assessment) as numerator, count(*) as denominator
    from {{ ref('int_cla__health_checks_monthly') }}
    group by la_code, month_end

),

periods as (

    {{ snapshot_periods('monthly') }}

)

select 'cla_health_assessments' as kpi_id, periods.*, 'percent' as unit
from periods
