-- A second, independent reading of the contract's rules 1-4 over the rows that were staged (the
-- base rows without a quarantine rule): none may have a required value missing, an event date
-- before 1990, an event, birth or death date after the extract date, or an end before its
-- start. Rule 5 is covered by the unique_combination tests on the stg_ssd__ models.
{%- set tables = ssd_tables() %}

with offending as (
{% for table, spec in tables.items() %}
    {%- set conditions = [] %}
    {%- for c in spec['columns'] %}
        {%- if c.get('required') %}{% do conditions.append(c['name'] ~ ' is null') %}{% endif %}
        {%- if c['kind'] == 'event_date' %}{% do conditions.append(c['name'] ~ " < cast('1990-01-01' as date)") %}{% endif %}
        {%- if c['kind'] in ('event_date', 'life_date') %}{% do conditions.append(c['name'] ~ ' > ' ~ extract_date_or_today()) %}{% endif %}
    {%- endfor %}
    {%- for pair in spec['ends'] %}{% do conditions.append(pair[0] ~ ' < ' ~ pair[1]) %}{% endfor %}
    select la_code, '{{ table }}' as table_name, record_number
    from {{ ref('base_ssd__' ~ table[4:]) }}
    where quarantine_rule is null
      and ({{ conditions | join('\n        or ') }})
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

)

select * from offending
