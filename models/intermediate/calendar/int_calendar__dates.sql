-- Every date 1990-2040 (the span of the bank holiday seed) with a running working-day index:
-- working days between two dates is index(end) - index(start), so same day = 0 and Friday to
-- the next Monday = 1 (docs/kpis.md, "Periods and conventions"). Working days are weekdays
-- that are not England and Wales bank holidays.
with spine as (

    {{ dbt.date_spine('day', "cast('1990-01-01' as date)", "cast('2041-01-01' as date)") }}

),

days as (

    select
        cast(spine.date_day as date) as calendar_date,
        {{ day_of_week_iso('cast(spine.date_day as date)') }} >= 6 as is_weekend,
        holidays.holiday_date is not null as is_bank_holiday
    from spine
    left join {{ ref('bank_holidays') }} as holidays
        on holidays.holiday_date = cast(spine.date_day as date)

)

select
    calendar_date,
    is_weekend,
    is_bank_holiday,
    not is_weekend and not is_bank_holiday as is_working_day,
    cast(sum(case when not is_weekend and not is_bank_holiday then 1 else 0 end)
        over (order by calendar_date rows between unbounded preceding and current row)
        as bigint) as working_day_index
from days
