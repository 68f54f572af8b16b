-- cp_plans_2y_ended (docs/kpis.md, `cp_plans_2y_ended`): of the CP plans ending in the period
-- (other-LA plans excluded; once per child and end date, 2 years if any of them lasted 2
-- years), the percentage where end_date >= start_date + 2 years (clamped calendar arithmetic:
-- 2016-02-29 + 2 years = 2018-02-28).
with ended_plans as (

    select la_code, person_id, plan_start_date, plan_end_date
    from {{ ref('stg_ssd__cp_plans') }}
    where not is_other_la_plan
      and plan_end_date is not null

),

plan_end_days as (

    select
        la_code,
        person_id,
        plan_end_date,
        max({{ as_int('plan_end_date >= ' ~ add_months('plan_start_date', 24)) }}) as lasted_two_years
    from ended_plans
    group by la_code, person_id, plan_end_date

),

periods as (

    {{ event_measure_periods('plan_end_days', 'plan_end_date', 'lasted_two_years') }}

)

select 'cp_plans_2y_ended' as kpi_id, periods.*, 'percent' as unit
from periods
