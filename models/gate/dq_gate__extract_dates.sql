-- The quality gate's frame of staged dates: one row per LA, SSD table and date column
-- (macros/ssd_contract.sql: ssd_gate_columns), with the rows before 1990-01-01 (event dates
-- only) and after the extract date this build applied (dq_run_settings). One scan per table.
{{ config(materialized='view') }}
{%- set tables = ssd_gate_columns() %}
{%- set window_start = '1990-01-01' %}

with settings as (

    select max(extract_date) as extract_date from {{ ref('dq_run_settings') }}

),
{% for table, spec in tables.items() if spec['event_dates'] or spec['life_dates'] %}
profile_{{ table[4:] }} as (

    select
        coalesce(t.la_code, '(null)') as la_code
        {%- for c in spec['event_dates'] + spec['life_dates'] %},
        {%- if c in spec['event_dates'] %}
        count(*) filter (where t.{{ c }} < date '{{ window_start }}') as before__{{ c }},
        {%- else %}
        0 as before__{{ c }},
        {%- endif %}
        count(*) filter (where t.{{ c }} > s.extract_date) as after__{{ c }},
        coalesce(cast(min(t.{{ c }}) as string), 'none') as min__{{ c }},
        coalesce(cast(max(t.{{ c }}) as string), 'none') as max__{{ c }}
        {%- endfor %},
        max(s.extract_date) as extract_date
    from {{ ref('stg_ssd__' ~ table[4:]) }} as t
    cross join settings as s
    group by t.la_code

),
{% endfor %}

profiles as (
{% for table, spec in tables.items() if spec['event_dates'] or spec['life_dates'] %}
{%- set outer = loop %}
{%- for c in spec['event_dates'] + spec['life_dates'] %}
    select la_code, '{{ table }}' as table_name, '{{ c }}' as column_name,
           before__{{ c }} as rows_before_window, after__{{ c }} as rows_after_window,
           min__{{ c }} as min_date, max__{{ c }} as max_date,
           {% if c in spec['event_dates'] %}'{{ window_start }}'{% else %}''{% endif %}
               || '..' || cast(extract_date as string) as date_window
    from profile_{{ table[4:] }}
    {% if not (outer.last and loop.last) %}union all{% endif %}
{%- endfor %}
{%- endfor %}

)

select
    la_code,
    table_name || '.' || column_name as subject,
    'dates ' || min_date || '..' || max_date || '; window ' || date_window as detail,
    table_name,
    column_name,
    cast(rows_before_window as double) as rows_before_window,
    cast(rows_after_window as double) as rows_after_window
from profiles
