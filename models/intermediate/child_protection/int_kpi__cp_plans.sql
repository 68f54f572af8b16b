-- cp_plans (docs/kpis.md, `cp_plans`): distinct children with a CP plan open at month end
-- (other-LA plans excluded), as a snapshot rate per 10,000 children aged 0-17. The count is the
-- row's numerator.
with children as (

    select la_code, month_end, count(*) as children
    from {{ ref('int_cp_plans__open_monthly') }}
    group by la_code, month_end

),

months as (

    select la_code, month_end from {{ ref('int_calendar__reporting_months') }}

)

select
    'cp_plans' as kpi_id,
    months.la_code,
    months.month_end,
    'snapshot' as period_type,
    months.month_end as period_start,
    cast(coalesce(children.children, 0) as bigint) as numerator,
    population.population as denominator,
    'rate_per_10k' as unit
from months
left join children
    on children.la_code = months.la_code
    and children.month_end = months.month_end
left join {{ ref('int_population__monthly') }} as population
    on population.la_code = months.la_code
    and population.month_end = months.month_end
