-- The SSD tables each KPI needs in this run, one row per KPI and table, generated from the KPI
-- registry (macros/kpi_registry.sql: kpi_inputs, so an input needed only when a var has a
-- value follows this run's vars). marts.kpis lists them comma-separated for people; the gate
-- joins these rows, with no engine's list functions.
{%- set rows = [] %}
{%- for kpi in kpi_registry() %}
{%- for table_name in kpi_inputs(kpi) %}
{%- do rows.append((kpi['kpi_id'], table_name)) %}
{%- endfor %}
{%- endfor %}

with registry as (
{% for kpi_id, table_name in rows %}
    select {{ sql_text(kpi_id) }} as kpi_id, {{ sql_text(table_name) }} as table_name
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

)

select
    cast(kpi_id as {{ dbt.type_string() }}) as kpi_id,
    cast(table_name as {{ dbt.type_string() }}) as table_name
from registry
