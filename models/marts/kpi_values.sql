-- The KPI values: one row per LA, KPI, month end and period type, the union of the thirteen KPI
-- models (models/intermediate/*/int_kpi__*.sql, one per indicator) with the value computed
-- from numerator and denominator in one place. Definitions: docs/kpis.md.
{%- set kpi_models = [
    'int_kpi__eha_initiated',
    'int_kpi__contacts_to_referral',
    'int_kpi__re_referrals_12m',
    'int_kpi__assessments_45wd',
    'int_kpi__cp_plans',
    'int_kpi__cp_plans_2y_ended',
    'int_kpi__cp_plans_second_time',
    'int_kpi__cp_visits_on_time',
    'int_kpi__cla_rate',
    'int_kpi__cla_placement_stability',
    'int_kpi__cla_visits_on_time',
    'int_kpi__cla_dental_checks',
    'int_kpi__cla_health_assessments',
] %}

with unioned as (
{% for model in kpi_models %}
    select kpi_id, la_code, month_end, period_type, period_start, numerator, denominator, unit
    from {{ ref(model) }}
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

),

months as (

    select la_code, month_end, extract_start
    from {{ ref('int_calendar__reporting_months') }}

),

catalogue as (

    select kpi_id, history_months from {{ ref('kpi_catalogue') }}

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
            when unioned.unit = 'percent' then 100.0 * unioned.numerator / unioned.denominator
            when unioned.unit = 'rate_per_10k' then 10000.0 * unioned.numerator / unioned.denominator
        end as double) as value,
        unioned.unit,
        -- the extract reaches back far enough for this period's look-back
        {{ add_months('unioned.period_start', '-catalogue.history_months') }} >= months.extract_start
            as history_complete
    from unioned
    inner join months
        on months.la_code = unioned.la_code
        and months.month_end = unioned.month_end
    inner join catalogue
        on catalogue.kpi_id = unioned.kpi_id

)

select
    cast(la_code as varchar) as la_code,
    cast(kpi_id as varchar) as kpi_id,
    cast(month_end as date) as month_end,
    cast(period_type as varchar) as period_type,
    cast(period_start as date) as period_start,
    cast(numerator as bigint) as numerator,
    cast(denominator as bigint) as denominator,
    value,
    cast(unit as varchar) as unit,
    cast(history_complete as boolean) as history_complete
from valued
