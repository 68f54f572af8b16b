-- Values that were kept but flagged, per LA, table, column and issue, for the run summary and
-- the quality gate: optional values that did not parse (kept as null), codes not in the code
-- lists, health check types the mapping does not know, and person ids missing from ssd_person.
{%- set tables = ssd_tables() %}
{%- set coded = [
    ('ssd_cla_episodes', 'clae_cla_episode_start_reason', 'cla_start_reason'),
    ('ssd_cla_episodes', 'clae_cla_episode_ceased_reason', 'cla_ceased_reason'),
    ('ssd_legal_status', 'lega_legal_status', 'legal_status'),
    ('ssd_cla_placement', 'clap_cla_placement_type', 'placement_type'),
    ('ssd_cla_health', 'clah_health_check_status', 'health_check_status'),
] %}

with invalid_values as (
{% for table, spec in tables.items() %}
{%- for column in ssd_invalid_columns(table) %}
    select la_code, '{{ table }}' as table_name, '{{ column }}' as column_name,
           'invalid_value' as issue,
           sum(case when invalid__{{ column }} then 1 else 0 end) as row_count
    from {{ ref('base_ssd__' ~ table[4:]) }}
    where quarantine_rule is null
    group by la_code
    union all
{%- endfor %}
{%- endfor %}
    select null, null, null, null, null where false

),

code_lists as (

    select code_set, code from {{ ref('ssd_code_lists') }}

),

unknown_codes as (
{% for table, column, code_set in coded %}
    select base.la_code, '{{ table }}' as table_name, '{{ column }}' as column_name,
           'unknown_code' as issue, count(*) as row_count
    from {{ ref('base_ssd__' ~ table[4:]) }} as base
    left join code_lists
        on code_lists.code_set = '{{ code_set }}' and code_lists.code = base.{{ column }}
    where base.quarantine_rule is null
      and base.{{ column }} is not null
      and code_lists.code is null
    group by base.la_code
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

),

unmapped_health_check_types as (

    select checks.la_code, 'ssd_cla_health' as table_name, 'clah_health_check_type' as column_name,
           'unmapped_type' as issue, count(*) as row_count
    from {{ ref('stg_ssd__cla_health') }} as checks
    left join {{ ref('health_check_types') }} as types
        on types.health_check_type_key = checks.health_check_type_key
    where types.health_check_type_key is null
    group by checks.la_code

),

people as (

    select la_code, person_id from {{ ref('stg_ssd__person') }}

),

unknown_people as (
{% for table, spec in tables.items() if spec['person'] %}
    select facts.la_code, '{{ table }}' as table_name, '{{ spec["person"] }}' as column_name,
           'person_not_in_ssd_person' as issue, count(*) as row_count
    from {{ ref('stg_ssd__' ~ table[4:]) }} as facts
    left join people
        on people.la_code = facts.la_code and people.person_id = facts.person_id
    where people.person_id is null
      -- without an ssd_person file there is nothing to check against
      and {{ inputs_present(['ssd_person'], 'facts.la_code') }}
    group by facts.la_code
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

),

unioned as (

    select * from invalid_values
    union all select * from unknown_codes
    union all select * from unmapped_health_check_types
    union all select * from unknown_people

)

select
    la_code,
    table_name,
    column_name,
    issue,
    cast(row_count as bigint) as row_count
from unioned
where row_count > 0
