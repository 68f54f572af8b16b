-- The months reported for each LA (docs/kpis.md, "Months reported"): from the first
-- month whose first day minus 12 months is on or after the extract start, to the last month
-- that ends on or before the extract date.
--   extract start: var extract_start, else the LA's earliest contact or referral date (else,
--     when the LA has neither file, its earliest event date of any kind);
--   extract date: var extract_date, else the LA's latest event date.
-- Each LA is judged on its own dates, so a regional run reports each council to the end of its
-- own extract.
{%- set event_columns = [] %}
{%- for table, spec in ssd_tables().items() %}
{%- for c in spec['columns'] if c['kind'] == 'event_date' %}
{%- do event_columns.append((table, c['name'])) %}
{%- endfor %}
{%- endfor %}

with event_dates as (
{% for table, column in event_columns %}
    select
        la_code,
        {{ "true" if table in ('ssd_contacts', 'ssd_cin_episodes') and column in ('cont_contact_date', 'cine_referral_date') else "false" }} as is_front_door,
        min({{ column }}) as first_date,
        max({{ column }}) as last_date
    from {{ ref('base_ssd__' ~ table[4:]) }}
    where quarantine_rule is null
    group by la_code
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

),

extract_bounds as (

    select
        la_code,
        {% if checked_date_var('extract_start') -%}
        cast('{{ checked_date_var("extract_start") }}' as date)
        {%- else -%}
        coalesce(
            min(case when is_front_door then first_date end),
            min(first_date)
        )
        {%- endif %} as extract_start,
        {% if checked_date_var('extract_date') -%}
        cast('{{ checked_date_var("extract_date") }}' as date)
        {%- else -%}
        max(last_date)
        {%- endif %} as extract_end
    from event_dates
    group by la_code

),

months as (

    select * from {{ ref('int_calendar__months') }}

)

select
    extract_bounds.la_code,
    months.month_start,
    months.month_end,
    months.financial_year_start,
    months.financial_year,
    extract_bounds.extract_start,
    extract_bounds.extract_end
from extract_bounds
inner join months
    on {{ add_months('months.month_start', -12) }} >= extract_bounds.extract_start
    and months.month_end <= extract_bounds.extract_end
