-- cla_visits_on_time (docs/kpis.md, `cla_visits_on_time`, and Precise readings): of the
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

monthly as (

    {{ seen_in_window_counts('looked_after', ref('stg_ssd__cla_visits')) }}

),

periods as (

    {{ snapshot_periods('monthly') }}

)

select 'cla_visits_on_time' as kpi_id, periods.*, 'percent' as unit
from periods
