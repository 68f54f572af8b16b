-- The sentence the report prints for each KPI and month, from the KPI registry's templates
-- (macros/kpi_registry.sql: `sentence`, and `nobody_measured` for a month in which nobody was
-- measured), worded as the council's December 2019 report words it (docs/kpis.md, "The demo:
-- December 2019"). Words that quote a local choice (the visit windows, the placement threshold,
-- the months in care, the repeat-plan look-back) come from the same vars as the numbers
-- (macros/wording.sql). The figures a template may quote: sentence_figures (same file);
-- percentages and rates show the registry's decimals.
--   short_of_target: the gap to a percentage target, ceil(target% x denominator) - numerator
--   (docs/kpis.md, assessments); count_vs_target: the month's count against the LA's target
--   count, when set.
{%- set kpis = kpi_registry() %}
with figures as (

    select * from {{ ref('int_scorecard__figures') }}

),

parts as (

    select
        figures.*,
        {{ month_name('month_end') }} as month_label,
        cast(round(month_numerator - target_count) as bigint) as count_vs_target,
        case
            when target_value is not null and month_denominator > 0
                then cast(ceil(target_value * month_denominator / 100.0) as bigint) - month_numerator
        end as short_of_target
    from figures

),

sentences as (

    select
        la_code,
        kpi_id,
        month_end,
        case kpi_id
        {%- for kpi in kpis %}
        {%- set figures = sentence_figures(kpi['decimals']) %}
        when {{ sql_text(kpi['kpi_id']) }} then
            {%- if kpi['nobody_measured'] %}
            case
                -- nobody was measured: say so rather than quote a ratio of nothing
                when month_unit = 'percent' and coalesce(month_denominator, 0) = 0 then
                    {{ sql_text('There were no ' ~ kpi_words(kpi['nobody_measured']) ~ ' in ') }}
                    || month_label || ', so there is no ratio for the month.'
                else {{ kpi_template_sql(kpi['sentence'], figures) }}
            end
            {%- else %}
            {{ kpi_template_sql(kpi['sentence'], figures) }}
            {%- endif %}
        {%- endfor %}
        end as sentence
    from parts

)

select la_code, kpi_id, month_end, sentence
from sentences
