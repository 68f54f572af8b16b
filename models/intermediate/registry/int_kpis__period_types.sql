-- The period types each KPI writes in every reported month, one row per KPI and period type,
-- generated from the KPI registry (macros/kpi_registry.sql). marts.kpis lists them
-- comma-separated for people; the gate joins these rows, with no engine's list functions.
{%- set rows = [] %}
{%- for kpi in kpi_registry() %}
{%- for period_type in kpi['period_types'] %}
{%- do rows.append((kpi['kpi_id'], period_type)) %}
{%- endfor %}
{%- endfor %}

with registry as (
{% for kpi_id, period_type in rows %}
    select {{ sql_text(kpi_id) }} as kpi_id, {{ sql_text(period_type) }} as period_type
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

)

select
    cast(kpi_id as {{ dbt.type_string() }}) as kpi_id,
    cast(period_type as {{ dbt.type_string() }}) as period_type
from registry
