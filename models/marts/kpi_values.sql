-- The KPI values: one row per LA, KPI, month end and period type, the union of the KPI models
-- (models/intermediate/*/int_kpi__<kpi_id>.sql, one per indicator of the registry,
-- macros/kpi_registry.sql) with the value computed from numerator and denominator in one place.
-- A KPI whose input file is absent for an LA has no rows for it (docs/kpis.md, Precise
-- readings): that rule is applied here once, from the registry's inputs, so each KPI model is
-- its definition only. Definitions: docs/kpis.md.
with unioned as (
{% for kpi in kpi_registry() %}
    select kpi_id, la_code, month_end, period_type, period_start, numerator, denominator, unit
    from {{ ref('int_kpi__' ~ kpi['kpi_id']) }}
    where {{ inputs_present(kpi_inputs(kpi)) }}
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

),

months as (

    select la_code, month_end, extract_start
    from {{ ref('int_calendar__reporting_months') }}

),

kpis as (

    select kpi_id, history_months from {{ ref('kpis') }}

),

valued as (

    select
        unioned.la_code,
        unioned.kpi_id,
        unioned.month_end,
        unioned.period_type,
        unioned.period_start,
        unioned.numerator,
        unioned.denominator,
        cast(case
            when unioned.unit = 'count' then unioned.numerator
            when unioned.denominator is null or unioned.denominator = 0 then null
            when unioned.unit = 'percent' then cast(100 as double) * unioned.numerator / unioned.denominator
            when unioned.unit = 'rate_per_10k' then cast(10000 as double) * unioned.numerator / unioned.denominator
        end as double) as value,
        unioned.unit,
        -- the extract reaches back far enough for this period's look-back
        {{ add_months('unioned.period_start', '-kpis.history_months') }} >= months.extract_start
            as history_complete
    from unioned
    inner join months
        on months.la_code = unioned.la_code
        and months.month_end = unioned.month_end
    inner join kpis
        on kpis.kpi_id = unioned.kpi_id

)

select
    cast(la_code as string) as la_code,
    cast(kpi_id as string) as kpi_id,
    cast(month_end as date) as month_end,
    cast(period_type as string) as period_type,
    cast(period_start as date) as period_start,
    cast(numerator as bigint) as numerator,
    cast(denominator as bigint) as denominator,
    value,
    cast(unit as string) as unit,
    cast(history_complete as boolean) as history_complete
from valued
