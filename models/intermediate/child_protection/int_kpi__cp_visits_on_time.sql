-- cp_visits_on_time (docs/kpis.md, `cp_visits_on_time`, and Precise readings): of the children
-- on a CP plan at month end who were due a visit in the window of var cp_visit_window_days (28)
-- days ending month end, the percentage with a CP visit with the child seen, dated in that
-- window. Due: some open plan started before the window began (month_end - 27), and the child
-- was born on or before the window start (no date of birth or no person row: not counted). A
-- visit with seen null is not seen; a visit need not name the plan.
{%- set window_back = var('cp_visit_window_days') - 1 %}

with on_plan as (

    select
        la_code,
        person_id,
        month_end,
        earliest_open_plan_start_date,
        {{ add_days('month_end', -window_back) }} as window_start_date
    from {{ ref('int_cp_plans__open_monthly') }}

),

people as (

    select la_code, person_id, date_of_birth from {{ ref('stg_ssd__person') }}

),

due as (

    select on_plan.*
    from on_plan
    inner join people
        on people.la_code = on_plan.la_code
        and people.person_id = on_plan.person_id
    where on_plan.earliest_open_plan_start_date < on_plan.window_start_date
      and people.date_of_birth <= on_plan.window_start_date

),

monthly as (

    {{ seen_in_window_counts('due', ref('stg_ssd__cp_visits')) }}

),

periods as (

    {{ snapshot_periods('monthly') }}

)

select 'cp_visits_on_time' as kpi_id, periods.*, 'percent' as unit
from periods
