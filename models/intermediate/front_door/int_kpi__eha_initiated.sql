-- eha_initiated (docs/kpis.md, `eha_initiated`): distinct children with an early help episode
-- starting in the month (a count), and distinct children with a start in the rolling 12 months
-- ending at month end as a rate per 10,000 children aged 0-17.
with episodes as (

    select la_code, person_id, episode_start_date
    from {{ ref('stg_ssd__early_help_episodes') }}

),

-- One row per child and month in which the child had an episode start.
child_months as (

    select distinct
        la_code,
        person_id,
        {{ month_end_of('episode_start_date') }} as month_end
    from episodes

),

months as (

    select la_code, month_start, month_end
    from {{ ref('int_calendar__reporting_months') }}

),

month_counts as (

    select
        months.la_code,
        months.month_end,
        'month' as period_type,
        months.month_start as period_start,
        cast(count(child_months.person_id) as bigint) as numerator,
        cast(null as bigint) as denominator,
        'count' as unit
    from months
    left join child_months
        on child_months.la_code = months.la_code
        and child_months.month_end = months.month_end
    group by months.la_code, months.month_end, months.month_start

),

-- The rolling window is the dates after month_end - 12 months, up to month end. The bound is a
-- date, not always a month end: 28 February 2021 - 12 months = 28 February 2020, so the window
-- to 28 February 2021 holds 29 February 2020 and no other day of that February.
child_start_days as (

    select distinct la_code, person_id, episode_start_date
    from episodes

),

rolling_children as (

    select
        months.la_code,
        months.month_end,
        cast(count(distinct child_start_days.person_id) as bigint) as children
    from months
    left join child_start_days
        on child_start_days.la_code = months.la_code
        and child_start_days.episode_start_date > {{ add_months('months.month_end', -12) }}
        and child_start_days.episode_start_date <= months.month_end
    group by months.la_code, months.month_end

),

rolling_rates as (

    select
        rolling_children.la_code,
        rolling_children.month_end,
        'rolling_12m' as period_type,
        {{ add_days(add_months('rolling_children.month_end', -12), 1) }} as period_start,
        rolling_children.children as numerator,
        population.population as denominator,
        'rate_per_10k' as unit
    from rolling_children
    left join {{ ref('int_population__monthly') }} as population
        on population.la_code = rolling_children.la_code
        and population.month_end = rolling_children.month_end

),

unioned as (

    select * from month_counts
    union all
    select * from rolling_rates

)

select 'eha_initiated' as kpi_id, unioned.*
from unioned
