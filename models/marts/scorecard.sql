-- The monthly scorecard: one row per LA, KPI and reported month. Figures, target, RAG,
-- direction of travel and benchmarks come from int_scorecard__figures, the sentence from
-- int_scorecard__sentences and the managers' commentary from the commentary seed.
with figures as (

    select * from {{ ref('int_scorecard__figures') }}

),

sentences as (

    select la_code, kpi_id, month_end, sentence from {{ ref('int_scorecard__sentences') }}

),

commentary as (

    select la_code, kpi_id, month, commentary from {{ ref('int_reference__commentary') }}

)

select
    cast(figures.la_code as string) as la_code,
    cast(figures.kpi_id as string) as kpi_id,
    cast(figures.month_end as date) as month_end,
    cast(figures.kpi_name as string) as kpi_name,
    cast(figures.direction as string) as direction,
    cast(figures.headline_period_type as string) as headline_period_type,
    cast(figures.headline_unit as string) as headline_unit,
    cast(figures.headline_value as double) as headline_value,
    cast(figures.headline_numerator as bigint) as headline_numerator,
    cast(figures.headline_denominator as bigint) as headline_denominator,
    cast(figures.month_value as double) as month_value,
    cast(figures.month_numerator as bigint) as month_numerator,
    cast(figures.month_denominator as bigint) as month_denominator,
    cast(figures.month_unit as string) as month_unit,
    cast(figures.fytd_value as double) as fytd_value,
    cast(figures.fytd_numerator as bigint) as fytd_numerator,
    cast(figures.fytd_denominator as bigint) as fytd_denominator,
    cast(figures.previous_headline_value as double) as previous_headline_value,
    cast(figures.financial_year as string) as financial_year,
    cast(figures.target_value as double) as target_value,
    cast(figures.target_count as double) as target_count,
    cast(figures.variance as double) as variance,
    cast(figures.rag as string) as rag,
    cast(figures.direction_of_travel as string) as direction_of_travel,
    cast(figures.benchmark_la_previous_year as double) as benchmark_la_previous_year,
    cast(figures.benchmark_statistical_neighbours as double) as benchmark_statistical_neighbours,
    cast(figures.benchmark_region as double) as benchmark_region,
    cast(figures.benchmark_england as double) as benchmark_england,
    cast(figures.benchmark_period as string) as benchmark_period,
    cast(figures.headline_value - figures.benchmark_la_previous_year as double) as vs_la_previous_year,
    cast(figures.headline_value - figures.benchmark_statistical_neighbours as double) as vs_statistical_neighbours,
    cast(figures.headline_value - figures.benchmark_region as double) as vs_region,
    cast(figures.headline_value - figures.benchmark_england as double) as vs_england,
    cast(sentences.sentence as string) as sentence,
    cast(commentary.commentary as string) as commentary,
    cast(figures.history_complete as boolean) as history_complete
from figures
left join sentences
    on sentences.la_code = figures.la_code
    and sentences.kpi_id = figures.kpi_id
    and sentences.month_end = figures.month_end
left join commentary
    on commentary.la_code = figures.la_code
    and commentary.kpi_id = figures.kpi_id
    and commentary.month = {{ year_month('figures.month_end') }}
