-- The quality gate's frame of required columns: one row per LA, SSD table and required
-- column (macros/ssd_contract.sql: ssd_gate_columns), with its null rows. One scan per table.
{{ config(materialized='view') }}
{%- set tables = ssd_gate_columns() %}

with
{% for table, spec in tables.items() %}
{%- set required = ['la_code'] + spec['required'] %}
counts_{{ table[4:] }} as (

    select
        coalesce(la_code, '(null)') as la_code,
        count(*) as n
        {%- for c in required %},
        count({{ c }}) as nn__{{ c }}
        {%- endfor %}
    from {{ ref('stg_ssd__' ~ table[4:]) }}
    group by la_code

),
{% endfor %}

profiles as (
{% for table, spec in tables.items() %}
{%- set outer = loop %}
{%- for c in ['la_code'] + spec['required'] %}
    select la_code, '{{ table }}' as table_name, '{{ c }}' as column_name,
           n, n - nn__{{ c }} as null_rows
    from counts_{{ table[4:] }}
    {% if not (outer.last and loop.last) %}union all{% endif %}
{%- endfor %}
{%- endfor %}

)

select
    la_code,
    table_name || '.' || column_name as subject,
    null_rows || ' of ' || n || ' rows null' as detail,
    table_name,
    column_name,
    cast(n as double) as rows,
    cast(null_rows as double) as null_rows
from profiles
