-- The quality gate's frame of KPI series: one row per LA, KPI, period type and unit, with
-- its extremes, rows whose numerator exceeds the denominator, and the months missing from
-- the LA's reported range. The plausible bands are configuration (expectations/gate.yml),
-- joined by the gate.
{{ config(materialized='view') }}

with kv as (

    select la_code, kpi_id, period_type, unit, month_end, numerator, denominator, value
    from {{ ref('kpi_values') }}

),

la_range as (

    select la_code, min(month_end) as first_month, max(month_end) as last_month
    from kv
    group by la_code

),

-- Every month of the LA's range: the calendar's months that overlap it (a join, not a
-- generated series, so no engine's series function is needed).
la_months as (

    select r.la_code, months.month_end
    from la_range as r
    inner join {{ ref('int_calendar__months') }} as months
        on months.month_end >= r.first_month and months.month_start <= r.last_month

),

series as (

    select
        la_code, kpi_id, period_type, unit,
        count(*) as n_rows,
        count(distinct month_end) as months_present,
        min(value) as min_value,
        max(value) as max_value,
        min_by(month_end, value) as min_month,
        max_by(month_end, value) as max_month,
        count(*) filter (where denominator is not null and numerator > denominator)
            as numerator_over_denominator_rows
    from kv
    group by la_code, kpi_id, period_type, unit

),

missing as (

    select
        s.la_code, s.kpi_id, s.period_type, s.unit,
        count(*) as n_missing,
        {{ ordered_string_agg(year_month('m.month_end'), "', '", ['m.month_end']) }} as missing_list
    from series as s
    join la_months as m on m.la_code = s.la_code
    left join kv
        on kv.la_code = s.la_code and kv.kpi_id = s.kpi_id
        and kv.period_type = s.period_type and kv.unit = s.unit
        and kv.month_end = m.month_end
    where kv.la_code is null
    group by s.la_code, s.kpi_id, s.period_type, s.unit

),

expected as (

    select
        la_code,
        count(*) as months_expected,
        {{ year_month('min(month_end)') }} || '..' || {{ year_month('max(month_end)') }}
            as month_range
    from la_months
    group by la_code

)

select
    s.la_code,
    s.kpi_id || '/' || s.period_type || ' (' || s.unit || ')' as subject,
    'months ' || e.month_range
        || case when mi.n_missing > 0 then '; missing ' || mi.missing_list else '' end
        || coalesce('; min ' || round(s.min_value, 2) || ' in '
                    || {{ year_month('s.min_month') }}, '')
        || coalesce('; max ' || round(s.max_value, 2) || ' in '
                    || {{ year_month('s.max_month') }}, '')
        || case when s.numerator_over_denominator_rows > 0
                then '; ' || s.numerator_over_denominator_rows
                     || ' rows with numerator > denominator' else '' end
        as detail,
    s.kpi_id,
    s.period_type,
    s.unit,
    cast(s.n_rows as double) as rows,
    s.min_value,
    s.max_value,
    cast(s.numerator_over_denominator_rows as double) as numerator_over_denominator_rows,
    cast(e.months_expected as double) as months_expected,
    cast(s.months_present as double) as months_present,
    cast(coalesce(mi.n_missing, 0) as double) as missing_months
from series as s
join expected as e on e.la_code = s.la_code
left join missing as mi
    on mi.la_code = s.la_code and mi.kpi_id = s.kpi_id
    and mi.period_type = s.period_type and mi.unit = s.unit
