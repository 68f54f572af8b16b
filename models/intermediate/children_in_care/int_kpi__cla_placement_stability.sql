-- cla_placement_stability (spec: kpis.md, `cla_placement_stability`, and Precise readings): of
-- the children looked after at month end, the percentage with var placement_stability_threshold
-- (3) or more placements open at some date in the 12 months ending month end (dates >
-- month_end - 12 months). Every placement row of the child counts, whatever period of care it
-- belongs to, by the "open at D" rule: a placement ending on the window's first day does not
-- count, nor one that starts and ends on the same day. Temporary placements (T0-T4) count unless
-- var placement_stability_count_temporary is false.
with looked_after as (

    select
        la_code,
        person_id,
        month_end,
        {{ add_days(add_months('month_end', -12), 1) }} as window_start_date
    from {{ ref('int_cla__looked_after_monthly') }}

),

placements as (

    select la_code, person_id, placement_start_date, placement_end_date
    from {{ ref('stg_ssd__cla_placement') }}
    {% if not var('placement_stability_count_temporary') -%}
    where coalesce(placement_type, '') not in ('T0', 'T1', 'T2', 'T3', 'T4')
    {%- endif %}

),

-- A placement is open at some date D in [window start, month end] when it started by month end
-- and is still open after the later of its start and the window start.
placements_in_window as (

    select
        looked_after.la_code,
        looked_after.person_id,
        looked_after.month_end,
        count(placements.placement_start_date) as placements
    from looked_after
    left join placements
        on placements.la_code = looked_after.la_code
        and placements.person_id = looked_after.person_id
        and placements.placement_start_date <= looked_after.month_end
        and (
            placements.placement_end_date is null
            or placements.placement_end_date > greatest(placements.placement_start_date, looked_after.window_start_date)
        )
    group by looked_after.la_code, looked_after.person_id, looked_after.month_end

),

monthly as (

    select
        la_code,
        month_end,
        sum({{ as_int('placements >= ' ~ var('placement_stability_threshold')) }}) as numerator,
        count(*) as denominator
    from placements_in_window
    group by la_code, month_end

),

periods as (

    {{ snapshot_periods('monthly') }}

)

select 'cla_placement_stability' as kpi_id, periods.*, 'percent' as unit
from periods
where {{ inputs_present(['ssd_cla_episodes', 'ssd_cla_placement']) }}
