-- One row per LA, KPI and reported month with every figure the scorecard shows: the headline
-- (the KPI's headline period from marts.kpis), the month figure (the `month` row, or the
-- snapshot for snapshot KPIs), the FYTD figure, the previous month's headline, the target for
-- the month's financial year, variance, RAG, direction of travel and benchmarks (docs/kpis.md,
-- "Targets, RAG and benchmarks").
--   RAG: green when the target is met in the KPI's direction; amber when missed by no more than
--     the KPI's tolerance (percentage points for percentages, a share of the target for counts
--     and rates); red otherwise; null without a target or value.
--   Direction of travel: compared at the report's 1-decimal rounding, so a change a reader cannot
--     see reads as "same".
--   Benchmarks: those of the latest period before the month's financial year.
with kpi_values as (

    select * from {{ ref('kpi_values') }}

),

catalogue as (

    select
        kpi_id,
        kpi_name,
        headline_period_type,
        direction,
        rag_tolerance,
        rag_tolerance_kind
    from {{ ref('kpis') }}

),

months as (

    select la_code, month_end, financial_year from {{ ref('int_calendar__reporting_months') }}

),

headline as (

    select
        kpi_values.la_code,
        kpi_values.kpi_id,
        kpi_values.month_end,
        kpi_values.period_type as headline_period_type,
        kpi_values.unit as headline_unit,
        kpi_values.value as headline_value,
        kpi_values.numerator as headline_numerator,
        kpi_values.denominator as headline_denominator,
        kpi_values.history_complete,
        lag(kpi_values.value) over (
            partition by kpi_values.la_code, kpi_values.kpi_id
            order by kpi_values.month_end
        ) as previous_headline_value
    from kpi_values
    inner join catalogue
        on catalogue.kpi_id = kpi_values.kpi_id
        and catalogue.headline_period_type = kpi_values.period_type

),

month_figure as (

    select la_code, kpi_id, month_end, value, numerator, denominator, unit, history_complete
    from kpi_values
    where period_type in ('month', 'snapshot')

),

fytd_figure as (

    select la_code, kpi_id, month_end, value, numerator, denominator
    from kpi_values
    where period_type = 'fytd'

),

targets as (

    select la_code, kpi_id, financial_year, target_value, target_count
    from {{ ref('int_reference__kpi_targets') }}

),

benchmarks as (

    select la_code, kpi_id, comparator, period, value from {{ ref('int_reference__kpi_benchmarks') }}

),

joined as (

    select
        headline.la_code,
        headline.kpi_id,
        headline.month_end,
        catalogue.kpi_name,
        catalogue.direction,
        catalogue.rag_tolerance,
        catalogue.rag_tolerance_kind,
        headline.headline_period_type,
        headline.headline_unit,
        headline.headline_value,
        headline.headline_numerator,
        headline.headline_denominator,
        month_figure.value as month_value,
        month_figure.numerator as month_numerator,
        month_figure.denominator as month_denominator,
        month_figure.unit as month_unit,
        fytd_figure.value as fytd_value,
        fytd_figure.numerator as fytd_numerator,
        fytd_figure.denominator as fytd_denominator,
        headline.previous_headline_value,
        months.financial_year,
        targets.target_value,
        targets.target_count,
        headline.history_complete and coalesce(month_figure.history_complete, true) as history_complete
    from headline
    inner join catalogue
        on catalogue.kpi_id = headline.kpi_id
    inner join months
        on months.la_code = headline.la_code
        and months.month_end = headline.month_end
    left join month_figure
        on month_figure.la_code = headline.la_code
        and month_figure.kpi_id = headline.kpi_id
        and month_figure.month_end = headline.month_end
    left join fytd_figure
        on fytd_figure.la_code = headline.la_code
        and fytd_figure.kpi_id = headline.kpi_id
        and fytd_figure.month_end = headline.month_end
    left join targets
        on targets.la_code = headline.la_code
        and targets.kpi_id = headline.kpi_id
        and targets.financial_year = months.financial_year

),

-- The benchmark year for each row: the latest period before the month's financial year
-- ('2018-19' < '2019-20' compares correctly as text).
benchmark_periods as (

    select
        joined.la_code,
        joined.kpi_id,
        joined.month_end,
        max(benchmarks.period) as benchmark_period
    from joined
    inner join benchmarks
        on benchmarks.la_code = joined.la_code
        and benchmarks.kpi_id = joined.kpi_id
        and benchmarks.period < joined.financial_year
    group by joined.la_code, joined.kpi_id, joined.month_end

),

benchmark_values as (

    select
        benchmark_periods.la_code,
        benchmark_periods.kpi_id,
        benchmark_periods.month_end,
        benchmark_periods.benchmark_period,
        max(case when benchmarks.comparator = 'la_previous_year' then benchmarks.value end) as benchmark_la_previous_year,
        max(case when benchmarks.comparator = 'statistical_neighbours' then benchmarks.value end) as benchmark_statistical_neighbours,
        max(case when benchmarks.comparator = 'region' then benchmarks.value end) as benchmark_region,
        max(case when benchmarks.comparator = 'england' then benchmarks.value end) as benchmark_england
    from benchmark_periods
    inner join benchmarks
        on benchmarks.la_code = benchmark_periods.la_code
        and benchmarks.kpi_id = benchmark_periods.kpi_id
        and benchmarks.period = benchmark_periods.benchmark_period
    group by
        benchmark_periods.la_code,
        benchmark_periods.kpi_id,
        benchmark_periods.month_end,
        benchmark_periods.benchmark_period

),

assessed as (

    select
        joined.*,
        joined.headline_value - joined.target_value as variance,
        -- how far the target was missed, in the KPI's direction (negative or zero: met)
        case
            when joined.direction = 'high_is_good' then joined.target_value - joined.headline_value
            else joined.headline_value - joined.target_value
        end as shortfall,
        case
            when joined.rag_tolerance_kind = 'points' then joined.rag_tolerance
            else abs(joined.target_value) * joined.rag_tolerance / 100.0
        end as tolerance,
        round(joined.headline_value, 1) - round(joined.previous_headline_value, 1) as rounded_change
    from joined

)

select
    assessed.la_code,
    assessed.kpi_id,
    assessed.month_end,
    assessed.kpi_name,
    assessed.direction,
    assessed.headline_period_type,
    assessed.headline_unit,
    assessed.headline_value,
    assessed.headline_numerator,
    assessed.headline_denominator,
    assessed.month_value,
    assessed.month_numerator,
    assessed.month_denominator,
    assessed.month_unit,
    assessed.fytd_value,
    assessed.fytd_numerator,
    assessed.fytd_denominator,
    assessed.previous_headline_value,
    assessed.financial_year,
    assessed.target_value,
    assessed.target_count,
    assessed.variance,
    case
        when assessed.target_value is null or assessed.headline_value is null then null
        when assessed.shortfall <= 0 then 'green'
        when assessed.shortfall <= assessed.tolerance then 'amber'
        else 'red'
    end as rag,
    case
        when assessed.rounded_change is null then null
        when assessed.rounded_change = 0 then 'same'
        when (assessed.rounded_change > 0) = (assessed.direction = 'high_is_good') then 'improved'
        else 'worse'
    end as direction_of_travel,
    benchmark_values.benchmark_la_previous_year,
    benchmark_values.benchmark_statistical_neighbours,
    benchmark_values.benchmark_region,
    benchmark_values.benchmark_england,
    benchmark_values.benchmark_period,
    assessed.history_complete
from assessed
left join benchmark_values
    on benchmark_values.la_code = assessed.la_code
    and benchmark_values.kpi_id = assessed.kpi_id
    and benchmark_values.month_end = assessed.month_end
