-- Children looked after at each reported month end (spec, Conventions and Precise readings):
-- a CLA episode open at month end, and the legal status open at month end (of several, the one
-- that started last) is not a short break (var short_break_legal_statuses, V3 and V4). No
-- status open: looked after. One row per LA, child and month end, with the current period of
-- care's start, the current placement (open at month end; of several, the latest start) and
-- the child's date of birth, which the four children-in-care KPIs share.
with months as (

    select la_code, month_end from {{ ref('int_calendar__reporting_months') }}

),

episodes_at_month_end as (

    select
        months.la_code,
        months.month_end,
        episodes.person_id,
        episodes.period_of_care_start_date,
        row_number() over (
            partition by months.la_code, months.month_end, episodes.person_id
            order by episodes.episode_start_date desc, episodes.cla_episode_id desc
        ) as recency
    from months
    inner join {{ ref('int_cla_episodes__periods_of_care') }} as episodes
        on episodes.la_code = months.la_code
        and {{ is_open_at('episodes.episode_start_date', 'episodes.episode_ceased_date', 'months.month_end') }}

),

in_care as (

    select la_code, month_end, person_id, period_of_care_start_date
    from episodes_at_month_end
    where recency = 1

),

legal_status_at_month_end as (

    select
        in_care.la_code,
        in_care.month_end,
        in_care.person_id,
        statuses.legal_status,
        row_number() over (
            partition by in_care.la_code, in_care.month_end, in_care.person_id
            order by statuses.legal_status_start_date desc, statuses.legal_status_id desc
        ) as recency
    from in_care
    inner join {{ ref('stg_ssd__legal_status') }} as statuses
        on statuses.la_code = in_care.la_code
        and statuses.person_id = in_care.person_id
        and {{ is_open_at('statuses.legal_status_start_date', 'statuses.legal_status_end_date', 'in_care.month_end') }}

),

short_breaks as (

    select la_code, month_end, person_id
    from legal_status_at_month_end
    where recency = 1
      and legal_status in ('{{ var("short_break_legal_statuses") | join("', '") }}')

),

placement_at_month_end as (

    select
        in_care.la_code,
        in_care.month_end,
        in_care.person_id,
        placements.placement_type,
        placements.placement_start_date,
        row_number() over (
            partition by in_care.la_code, in_care.month_end, in_care.person_id
            order by placements.placement_start_date desc, placements.placement_id desc
        ) as recency
    from in_care
    inner join {{ ref('stg_ssd__cla_placement') }} as placements
        on placements.la_code = in_care.la_code
        and placements.person_id = in_care.person_id
        and {{ is_open_at('placements.placement_start_date', 'placements.placement_end_date', 'in_care.month_end') }}

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
    and placement.recency = 1
left join people
    on people.la_code = in_care.la_code
    and people.person_id = in_care.person_id
where short_breaks.person_id is null
