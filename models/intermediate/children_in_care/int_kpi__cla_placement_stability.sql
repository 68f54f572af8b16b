-- cla_placement_stability (docs/kpis.md, `cla_placement_stability`, and Precise readings): of
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

    select
        la_code,
        person_id,
        placement_start_date,
        coalesce(placement_end_date, cast('9999-12-31' as date)) as open_until
    from {{ ref('stg_ssd__cla_placement') }}
    -- a placement that starts and ends on the same day is never open
    where (placement_end_date is null or placement_end_date > placement_start_date)
    {% if not var('placement_stability_count_temporary') -%}
    and coalesce(placement_type, '') not in ('T0', 'T1', 'T2', 'T3', 'T4')
    {%- endif %}

),

-- A placement is open at some date D in [window start, month end] when it started by month end
-- and is still open after the later of its start and the window start: its end (none: open)
-- is after its start and after the window start. Each condition is one comparison, so the
-- join is a hash join on the child (an "or" across both sides would make it a nested loop).
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
        and placements.open_until > looked_after.window_start_date
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
