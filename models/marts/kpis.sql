-- The indicators this warehouse reports, one row per KPI, generated from the KPI registry
-- (macros/kpi_registry.sql) with its texts worded with this run's local choices
-- (macros/wording.sql): the registry writes "{placement_stability_threshold} or more
-- placements", this table says "3 or more placements", or 4 when the var is 4. The report, the
-- scorecard and the gate read the KPIs from here: names, order, decimals, period types and the
-- input tables this run's rule needs (kpi_values applies it).
{%- set kpis = kpi_registry() %}

with registry as (
{% for kpi in kpis %}
    select
        {{ sql_text(kpi['kpi_id']) }} as kpi_id,
        {{ loop.index }} as sort_order,
        {{ sql_text(kpi['area']) }} as area,
        {{ sql_text(kpi_words(kpi['kpi_name'])) }} as kpi_name,
        {{ sql_text(kpi['short_name']) }} as short_name,
        {{ sql_text(kpi_words(kpi['numerator_label'])) }} as numerator_label,
        {{ sql_text(kpi_words(kpi['denominator_label'])) }} as denominator_label,
        {{ sql_text(kpi['unit']) }} as headline_unit,
        {{ sql_text(kpi['headline_period_type']) }} as headline_period_type,
        {{ sql_text(kpi['period_types'] | join(', ')) }} as period_types,
        {{ sql_text(kpi['direction']) }} as direction,
        {{ kpi['rag_tolerance'] }} as rag_tolerance,
        {{ sql_text(kpi['rag_tolerance_kind']) }} as rag_tolerance_kind,
        {{ kpi['history_months'] }} as history_months,
        {{ sql_text(kpi_inputs(kpi) | join(', ')) }} as input_tables,
        {{ kpi['decimals'] }} as decimals
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

)

select
    cast(kpi_id as string) as kpi_id,
    cast(sort_order as integer) as sort_order,
    cast(area as string) as area,
    cast(kpi_name as string) as kpi_name,
    cast(short_name as string) as short_name,
    cast(numerator_label as string) as numerator_label,
    cast(denominator_label as string) as denominator_label,
    cast(headline_unit as string) as headline_unit,
    cast(headline_period_type as string) as headline_period_type,
    cast(period_types as string) as period_types,
    cast(direction as string) as direction,
    cast(rag_tolerance as double) as rag_tolerance,
    cast(rag_tolerance_kind as string) as rag_tolerance_kind,
    cast(history_months as integer) as history_months,
    cast(input_tables as string) as input_tables,
    cast(decimals as integer) as decimals
from registry
