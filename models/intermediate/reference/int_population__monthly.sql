-- The 0-17 population used for rates per 10,000 in each reported month: the LA's ONS mid-year
-- estimate for the latest year that is not after the month's calendar year (docs/kpis.md,
-- "Periods and conventions"). A year whose population is blank (a template row not filled in
-- yet) is no estimate. Months with no such year have no row, so their rates are null.
with months as (

    select la_code, month_end from {{ ref('int_calendar__reporting_months') }}

),

population as (

    select la_code, year, population from {{ ref('int_reference__population_0_17') }}
    where population is not null

),

candidates as (

    select
        months.la_code,
        months.month_end,
        population.year as population_year,
        population.population,
        row_number() over (
            partition by months.la_code, months.month_end
            order by population.year desc
        ) as recency
    from months
    inner join population
        on population.la_code = months.la_code
        and population.year <= {{ year_of('months.month_end') }}

)

select la_code, month_end, population_year, population
from candidates
where recency = 1
