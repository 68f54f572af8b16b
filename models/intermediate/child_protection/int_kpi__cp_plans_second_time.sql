-- cp_plans_second_time (docs/kpis.md, `cp_plans_second_time`): of the CP plans starting in the
-- period (other-LA plans excluded; once per child and start date), the percentage where the
-- child had another plan of this LA that started strictly before that date, however long before
-- (var cp_repeat_lookback_months, default null = ever; N: only a plan started on or after
-- start - N months counts). The previous plan is a lag over the child's de-duplicated start
-- dates, so it may lie years before the first reported month; kpi_values flags months whose
-- extract does not reach 24 months back (the registry's history_months).
{%- set lookback_months = var('cp_repeat_lookback_months', none) %}

with plan_start_days as (

    select distinct la_code, person_id, plan_start_date
    from {{ ref('stg_ssd__cp_plans') }}
    where not is_other_la_plan

),

with_previous as (

    select
        la_code,
        person_id,
        plan_start_date,
        lag(plan_start_date) over (
            partition by la_code, person_id
            order by plan_start_date
        ) as previous_plan_start_date
    from plan_start_days

),

flagged as (

    select
        la_code,
        plan_start_date,
        {%- if lookback_months is none %}
        {{ as_int('previous_plan_start_date is not null') }} as is_second_time
        {%- else %}
        {{ as_int('previous_plan_start_date >= ' ~ add_months('plan_start_date', -(lookback_months | int))) }} as is_second_time
        {%- endif %}
    from with_previous

),

periods as (

    {{ event_measure_periods('flagged', 'plan_start_date', 'is_second_time') }}

)

select 'cp_plans_second_time' as kpi_id, periods.*, 'percent' as unit
from periods
