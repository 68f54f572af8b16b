{#-
  The month and financial-year-to-date rows of an event measure, from a CTE of monthly counts
  (la_code, month_end, numerator, denominator). Every reported month gets both rows, with zero
  counts for a month without events. FYTD sums the months from 1 April of the month's financial
  year, including months before the first reported one: a ratio over a longer period is the
  sum of numerators over the sum of denominators (spec, Conventions).
-#}
{% macro event_measure_periods(monthly_counts) %}
select
    months.la_code,
    months.month_end,
    'month' as period_type,
    months.month_start as period_start,
    cast(coalesce(counts.numerator, 0) as bigint) as numerator,
    cast(coalesce(counts.denominator, 0) as bigint) as denominator
from {{ ref('int_calendar__reporting_months') }} as months
left join {{ monthly_counts }} as counts
    on counts.la_code = months.la_code
    and counts.month_end = months.month_end

union all

select
    months.la_code,
    months.month_end,
    'fytd' as period_type,
    months.financial_year_start as period_start,
    cast(coalesce(sum(counts.numerator), 0) as bigint) as numerator,
    cast(coalesce(sum(counts.denominator), 0) as bigint) as denominator
from {{ ref('int_calendar__reporting_months') }} as months
left join {{ monthly_counts }} as counts
    on counts.la_code = months.la_code
    and counts.month_end >= months.financial_year_start
    and counts.month_end <= months.month_end
group by months.la_code, months.month_end, months.financial_year_start
{% endmacro %}

{#-
  A condition on la_code: true for the LAs whose extract holds every one of the given tables.
  A KPI whose input file is absent has no rows at all (spec, Precise readings) rather than
  zeros that would read as real performance.
-#}
{% macro inputs_present(tables, la_column='la_code') -%}
{%- for table in tables %}
{{ la_column }} in (
    select la_code from {{ ref('dq_table_reconciliation') }}
    where table_name = '{{ table }}' and is_present
)
{%- if not loop.last %} and {% endif -%}
{%- endfor -%}
{%- endmacro %}

{#- 1 when the boolean expression is true, else 0, for counting with sum() or max(). -#}
{% macro as_int(condition) -%}
case when {{ condition }} then 1 else 0 end
{%- endmacro %}

{#- The snapshot rows of a percentage measured at month end, from a CTE of monthly counts
    (la_code, month_end, numerator, denominator): every reported month, zero counts when
    nobody was measured (the value is then null, never 0%). -#}
{% macro snapshot_periods(monthly_counts) %}
select
    months.la_code,
    months.month_end,
    'snapshot' as period_type,
    months.month_end as period_start,
    cast(coalesce(counts.numerator, 0) as bigint) as numerator,
    cast(coalesce(counts.denominator, 0) as bigint) as denominator
from {{ ref('int_calendar__reporting_months') }} as months
left join {{ monthly_counts }} as counts
    on counts.la_code = months.la_code
    and counts.month_end = months.month_end
{% endmacro %}

{#- A reference seed with the LA's own rows laid over it: rows the LA supplies (source
    la_reference, extract mode only) replace the seed's rows with the same key; keys the seed
    lacks are added. -#}
{% macro reference_with_la_rows(seed_name, keys, columns) %}
with seeded as (

    select {{ columns | join(', ') }} from {{ ref(seed_name) }}

)
{%- if var('extract_dir', none) is not none %},

supplied as (

    select {{ columns | join(', ') }} from {{ source('la_reference', 'la_' ~ seed_name) }}

)

select * from supplied
union all
select seeded.*
from seeded
left join supplied
    on {% for k in keys %}supplied.{{ k }} = seeded.{{ k }}{% if not loop.last %} and {% endif %}{% endfor %}
where supplied.{{ keys[0] }} is null
{%- else %}

select * from seeded
{%- endif %}
{% endmacro %}
