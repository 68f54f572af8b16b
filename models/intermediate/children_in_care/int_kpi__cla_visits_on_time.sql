-- cla_visits_on_time (spec: kpis.md, `cla_visits_on_time`, and Precise readings): of the
-- children looked after at month end whose current period of care started at least
-- var cla_visit_first_due_days (7) days before month end, the percentage with a CLA visit with
-- the child seen in their window: var cla_visit_window_days (42) days ending month end, or
-- var cla_visit_permanence_months (3) months (dates > month_end - 3 months) when the current
-- placement is long-term fostering (var cla_permanence_placement_types, U1 and U4) and started
-- on or before month_end - var cla_permanence_min_months (12) months.
with looked_after as (

    select
        la_code,
        person_id,
        month_end,
        case
            when current_placement_type in ('{{ var("cla_permanence_placement_types") | join("', '") }}')
                and current_placement_start_date <= {{ add_months('month_end', -var('cla_permanence_min_months')) }}
                then {{ add_days(add_months('month_end', -var('cla_visit_permanence_months')), 1) }}
            else {{ add_days('month_end', -(var('cla_visit_window_days') - 1)) }}
        end as window_start_date
    from {{ ref('int_cla__looked_after_monthly') }}
    where period_of_care_start_date <= {{ add_days('month_end', -var('cla_visit_first_due_days')) }}

),

seen_visits as (

    select distinct la_code, person_id, visit_date
    from {{ ref('stg_ssd__cla_visits') }}
    where is_child_seen

),

due_with_visit as (

    select
        looked_after.la_code,
        looked_after.person_id,
        looked_after.month_end,
        max({{ as_int('seen_visits.visit_date is not null') }}) as was_visited
    from looked_after
    left join seen_visits
        on seen_visits.la_code = looked_after.la_code
        and seen_visits.person_id = looked_after.person_id
        and seen_visits.visit_date >= looked_after.window_start_date
        and seen_visits.visit_date <= looked_after.month_end
    group by looked_after.la_code, looked_after.person_id, looked_after.month_end

),

monthly as (

    select la_code, month_end, sum(was_visited) as numerator, count(*) as denominator
    from due_with_visit
    group by la_code, month_end

),

periods as (

    {{ snapshot_periods('monthly') }}

)

select 'cla_visits_on_time' as kpi_id, periods.*, 'percent' as unit
from periods
where {{ inputs_present(['ssd_cla_episodes', 'ssd_cla_placement', 'ssd_cla_visits']) }}
