-- Children on a child protection plan at each reported month end: one row per LA, child and
-- month end where the child has a plan open at month end ("open at D": started on or before D
-- and not ended by D, so a plan ending on month end is not open). Other-LA plans
-- (cppl_cp_plan_ola yes) are excluded from this LA's CP measures.
with plans as (

    select la_code, person_id, plan_start_date, plan_end_date
    from {{ ref('stg_ssd__cp_plans') }}
    where not is_other_la_plan

),

months as (

    select la_code, month_end from {{ ref('int_calendar__reporting_months') }}

)

select
    months.la_code,
    plans.person_id,
    months.month_end,
    -- the earliest start among the child's open plans: a visit was due if it is before the window
    min(plans.plan_start_date) as earliest_open_plan_start_date
from months
inner join plans
    on plans.la_code = months.la_code
    and {{ is_open_at('plans.plan_start_date', 'plans.plan_end_date', 'months.month_end') }}
group by months.la_code, plans.person_id, months.month_end
