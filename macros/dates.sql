{#- Calendar arithmetic used by every KPI. Month and year shifts are the ordinary clamped ones
    (2019-06-30 - 3 months = 2019-03-30; 2016-02-29 + 2 years = 2018-02-28), cast back to DATE
    because dbt.dateadd returns a timestamp on some engines. -#}
{% macro add_months(date_expr, months) -%}
cast({{ dbt.dateadd('month', months, date_expr) }} as date)
{%- endmacro %}

{% macro add_days(date_expr, days) -%}
cast({{ dbt.dateadd('day', days, date_expr) }} as date)
{%- endmacro %}

{#- The date literal of the extract date var, or the run date when it is not set: the bound for
    the "date after extract date" quarantine rule. -#}
{% macro extract_date_or_today() -%}
{%- if checked_date_var('extract_date') -%}cast('{{ checked_date_var("extract_date") }}' as date){%- else -%}current_date{%- endif -%}
{%- endmacro %}

{#- Working days after start_idx's date up to and including end's: one subtraction of two
    running indexes from int_calendar__dates (same day = 0; Friday to Monday = 1). -#}
{% macro working_days_between(start_index, end_index) -%}
({{ end_index }} - {{ start_index }})
{%- endmacro %}

{#- First day of the financial year (1 April) that holds a date. -#}
{% macro financial_year_start(date_expr) -%}
cast({{ dbt.dateadd('month', 3, dbt.date_trunc('year', add_months(date_expr, -3))) }} as date)
{%- endmacro %}

{#- Last day of the month that holds a date. -#}
{% macro month_end_of(date_expr) -%}
cast({{ dbt.last_day(date_expr, 'month') }} as date)
{%- endmacro %}

{#- A plan, episode or placement is open at D when it started on or before D and has not ended
    by D (an end on D itself is not open at D): docs/kpis.md, "Periods and conventions". -#}
{% macro is_open_at(start_col, end_col, at_date) -%}
({{ start_col }} <= {{ at_date }} and ({{ end_col }} is null or {{ end_col }} > {{ at_date }}))
{%- endmacro %}

{#- ISO day of week: Monday = 1 ... Sunday = 7. -#}
{% macro day_of_week_iso(date_expr) %}{{ return(adapter.dispatch('day_of_week_iso')(date_expr)) }}{% endmacro %}
{% macro default__day_of_week_iso(date_expr) -%}
cast(extract(isodow from {{ date_expr }}) as integer)
{%- endmacro %}

{#- Calendar year of a date, as an integer. -#}
{% macro year_of(date_expr) -%}
cast(extract(year from {{ date_expr }}) as integer)
{%- endmacro %}

{#- For each month end (and child, when by_person), the record open at month end that started
    last (ties: the higher id): the episode, legal status or placement "at month end" of
    docs/kpis.md's Precise readings. month_ends has la_code, month_end (and person_id when
    by_person); records has la_code, person_id and the named columns. -#}
{% macro latest_open_at_month_end(month_ends, records, start_col, end_col, id_col, columns, by_person=true) %}
select la_code, month_end, person_id{% for c in columns %}, {{ c }}{% endfor %}
from (

    select
        month_ends.la_code,
        month_ends.month_end,
        records.person_id,
        {%- for c in columns %}
        records.{{ c }},
        {%- endfor %}
        row_number() over (
            partition by month_ends.la_code, month_ends.month_end, records.person_id
            order by records.{{ start_col }} desc, records.{{ id_col }} desc
        ) as recency
    from {{ month_ends }} as month_ends
    inner join {{ records }} as records
        on records.la_code = month_ends.la_code
        {%- if by_person %}
        and records.person_id = month_ends.person_id
        {%- endif %}
        and {{ is_open_at('records.' ~ start_col, 'records.' ~ end_col, 'month_ends.month_end') }}

) as ranked
where recency = 1
{% endmacro %}
