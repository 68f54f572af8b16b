-- Children looked after at each reported month end (docs/kpis.md, "Periods and conventions"
-- and "Precise readings"): a CLA episode open at month end, and the legal status open at month
-- end (of several, the one that started last) is not a short break (var
-- short_break_legal_statuses, V3 and V4). No status open: looked after. One row per LA, child
-- and month end, with the current period of care's start (of several open episodes, the
-- earliest period-of-care start among them), the current placement (open at month end; of
-- several, the latest start) and the child's date of birth, which the children-in-care KPIs
-- share.
with months as (

    select la_code, month_end from {{ ref('int_calendar__reporting_months') }}

),

-- A child with several episodes open at month end (a new episode opened before the old one
-- closed) is looked after once, and has been since the earliest period-of-care start among
-- those open episodes (docs/kpis.md, "Precise readings", overlapping episodes).
in_care as (

    select
        months.la_code,
        months.month_end,
        episodes.person_id,
        min(episodes.period_of_care_start_date) as period_of_care_start_date
    from months
    inner join {{ ref('int_cla_episodes__periods_of_care') }} as episodes
        on episodes.la_code = months.la_code
        and {{ is_open_at('episodes.episode_start_date', 'episodes.episode_ceased_date', 'months.month_end') }}
    group by months.la_code, months.month_end, episodes.person_id

),

legal_status_at_month_end as (

    {{ latest_open_at_month_end('in_care', ref('stg_ssd__legal_status'),
        'legal_status_start_date', 'legal_status_end_date', 'legal_status_id',
        ['legal_status']) }}

),

short_breaks as (

    select la_code, month_end, person_id
    from legal_status_at_month_end
    where legal_status in ('{{ var("short_break_legal_statuses") | join("', '") }}')

),

placement_at_month_end as (

    {{ latest_open_at_month_end('in_care', ref('stg_ssd__cla_placement'),
        'placement_start_date', 'placement_end_date', 'placement_id',
        ['placement_type', 'placement_start_date']) }}

),

people as (

    select la_code, person_id, date_of_birth from {{ ref('stg_ssd__person') }}

)

select
    in_care.la_code,
    in_care.person_id,
    in_care.month_end,
    in_care.period_of_care_start_date,
    placement.placement_type as current_placement_type,
    placement.placement_start_date as current_placement_start_date,
    people.date_of_birth
from in_care
left join short_breaks
    on short_breaks.la_code = in_care.la_code
    and short_breaks.month_end = in_care.month_end
    and short_breaks.person_id = in_care.person_id
left join placement_at_month_end as placement
    on placement.la_code = in_care.la_code
    and placement.month_end = in_care.month_end
    and placement.person_id = in_care.person_id
left join people
    on people.la_code = in_care.la_code
    and people.person_id = in_care.person_id
where short_breaks.person_id is null
