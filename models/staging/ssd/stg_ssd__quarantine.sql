-- Every raw row that broke a contract rule, once, under the first rule it broke: the table, the
-- row's id and its place in the file, the column, the offending value and the rule.
{%- set tables = ssd_tables().keys() | list %}

with quarantined as (
{% for table in tables %}
    select
        la_code,
        '{{ table }}' as table_name,
        row_id,
        source_file,
        record_number,
        quarantine_column as column_name,
        quarantine_value as offending_value,
        quarantine_rule as rule
    from {{ ref('base_ssd__' ~ table[4:]) }}
    where quarantine_rule is not null
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

)

select * from quarantined
