{#-
  The month and financial-year-to-date rows of an event measure, from a CTE of events (one row
  per counted event: la_code, the event's date, and a 0/1 column saying whether it meets the
  measure). Every reported month gets both rows, with zero counts for a month without events.
  FYTD sums the months from 1 April of the month's financial year, including months before the
  first reported one: a ratio over a longer period is the sum of numerators over the sum of
  denominators (docs/kpis.md, Periods and conventions).
-#}
{% macro event_measure_periods(events, event_date, meets_measure) %}
with monthly_counts as (

    select
        la_code,
        {{ month_end_of(event_date) }} as month_end,
        sum({{ meets_measure }}) as numerator,
        count(*) as denominator
    from {{ events }}
    group by la_code, {{ month_end_of(event_date) }}

)

select
    months.la_code,
    months.month_end,
    'month' as period_type,
    months.month_start as period_start,
    cast(coalesce(counts.numerator, 0) as bigint) as numerator,
    cast(coalesce(counts.denominator, 0) as bigint) as denominator
from {{ ref('int_calendar__reporting_months') }} as months
left join monthly_counts as counts
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
left join monthly_counts as counts
    on counts.la_code = months.la_code
    and counts.month_end >= months.financial_year_start
    and counts.month_end <= months.month_end
group by months.la_code, months.month_end, months.financial_year_start
{% endmacro %}

{#-
  Monthly counts of children due a visit who had one with the child seen in their window, from
  a CTE of the children due (la_code, person_id, month_end, window_start_date; one row each)
  and a visits relation (la_code, person_id, visit_date, is_child_seen). A visit with seen null
  is not seen. Shared by cp_visits_on_time and cla_visits_on_time.
-#}
{% macro seen_in_window_counts(due, visits) %}
with seen_visits as (

    select distinct la_code, person_id, visit_date
    from {{ visits }}
    where is_child_seen

),

due_with_visit as (

    select
        due.la_code,
        due.person_id,
        due.month_end,
        max({{ as_int('seen_visits.visit_date is not null') }}) as was_visited
    from {{ due }} as due
    left join seen_visits
        on seen_visits.la_code = due.la_code
        and seen_visits.person_id = due.person_id
        and seen_visits.visit_date >= due.window_start_date
        and seen_visits.visit_date <= due.month_end
    group by due.la_code, due.person_id, due.month_end

)

select la_code, month_end, sum(was_visited) as numerator, count(*) as denominator
from due_with_visit
group by la_code, month_end
{% endmacro %}

{#-
  A condition on la_code: true for the LAs whose extract holds every one of the given tables.
  A KPI whose input file is absent has no rows at all (docs/kpis.md, Precise readings) rather than
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
    la_reference: the reference/ files beside the extract, registered empty when there are
    none, the demo included) replace the seed's rows with the same key; keys the seed lacks are
    added. -#}
{% macro reference_with_la_rows(seed_name, keys, columns) %}
with seeded as (

    select {{ columns | join(', ') }} from {{ ref(seed_name) }}

),

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
{% endmacro %}

{#- The snapshot rows of a rate per 10,000 at month end, from a relation of the children counted
    (one row per la_code, month_end and child): every reported month, the children as the
    numerator (zero when none) and the month's 0-17 population as the denominator (null when
    the LA has no population year for it). Shared by cp_plans and cla_rate. -#}
{% macro snapshot_rate_periods(kpi_id, children_per_month_end) %}
with children as (

    select la_code, month_end, count(*) as children
    from {{ children_per_month_end }}
    group by la_code, month_end

),

months as (

    select la_code, month_end from {{ ref('int_calendar__reporting_months') }}

)

select
    '{{ kpi_id }}' as kpi_id,
    months.la_code,
    months.month_end,
    'snapshot' as period_type,
    months.month_end as period_start,
    cast(coalesce(children.children, 0) as bigint) as numerator,
    population.population as denominator,
    'rate_per_10k' as unit
from months
left join children
    on children.la_code = months.la_code
    and children.month_end = months.month_end
left join {{ ref('int_population__monthly') }} as population
    on population.la_code = months.la_code
    and population.month_end = months.month_end
{% endmacro %}
