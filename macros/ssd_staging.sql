{#-
  The base model of one SSD table, base_ssd__<entity>: every row of the source ssd.<table>
  (registered from the extract folder or the demo, macros/register_extract.sql, the same way
  for both), its values parsed and typed, and the first
  contract rule it breaks (quarantine_rule, quarantine_column, quarantine_value), in the order
  the contract gives: required_value, date_before_1990, date_after_extract_date,
  end_before_start, duplicate_id (judged among the rows that pass the others, first in file
  order kept). stg_ssd__<table> keeps the rows with no rule; stg_ssd__quarantine the others.
  For optional columns, `invalid__<column>` marks a value that was given but did not parse
  (the row is kept with null there); for the outcome JSON, a document that is not a JSON object
  or one of whose flag keys holds something other than a flag.
-#}
{% macro ssd_base(table) %}
  {%- set spec = ssd_tables()[table] -%}
  {%- set cols = spec['columns'] -%}
  {%- set checks = [] -%}
  {#- rule 1: required values missing or unparseable, ids over 48 characters -#}
  {%- for c in cols if c.get('required') -%}
    {%- do checks.append({'rule': 'required_value', 'column': c['name'], 'when': c['name'] ~ ' is null'}) -%}
  {%- endfor -%}
  {#- rule 2: event dates before 1990 (dates of birth and death exempt) -#}
  {%- for c in cols if c['kind'] == 'event_date' -%}
    {%- do checks.append({'rule': 'date_before_1990', 'column': c['name'],
                          'when': c['name'] ~ " < cast('1990-01-01' as date)"}) -%}
  {%- endfor -%}
  {#- rule 3: event dates and dates of birth or death after the extract date -#}
  {%- for c in cols if c['kind'] in ('event_date', 'life_date') -%}
    {%- do checks.append({'rule': 'date_after_extract_date', 'column': c['name'],
                          'when': c['name'] ~ ' > ' ~ extract_date_or_today()}) -%}
  {%- endfor -%}
  {#- rule 4: an end before its start (equal is kept) -#}
  {%- for pair in spec['ends'] -%}
    {%- do checks.append({'rule': 'end_before_start', 'column': pair[0],
                          'when': pair[0] ~ ' < ' ~ pair[1]}) -%}
  {%- endfor -%}

with source as (

    select * from {{ source('ssd', table) }}

),

trimmed as (

    select
        la_code,
        source_file,
        record_number
        {%- for c in cols %},
        {{ clean_text(c['name']) }} as {{ c['name'] }}__text
        {%- endfor %}
    from source

),

read_once as (

    -- Each value is parsed once, here; the typed column, its invalid__ marker and the rules
    -- below all use the result. The outcome JSON is read once per row, every flag key at once.
    select
        *
        {%- for c in cols -%}
        {%- set t = c['name'] ~ '__text' -%}
        {%- if c['kind'] in ('event_date', 'life_date', 'expected_date') %},
        {{ parse_date(t) }} as {{ c['name'] }}__parsed
        {%- elif c['kind'] == 'flag' %},
        {{ parse_flag(t) }} as {{ c['name'] }}__parsed
        {%- elif c['kind'] == 'json' %},
        {{ is_json_object(t) }} as {{ c['name'] }}__is_object,
        {{ json_keys_text(t, c['keys']) }} as {{ c['name'] }}__keys
        {%- endif -%}
        {%- endfor %}
    from trimmed

),

json_values as (

    -- the outcome's flag keys as text (null when absent), from the one read above
    select
        *
        {%- for c in cols if c['kind'] == 'json' -%}
        {%- for key in c['keys'] %},
        {{ json_keys_item(c['name'] ~ '__keys', c['keys'], key) }} as {{ c['name'] }}__{{ key }}__text
        {%- endfor -%}
        {%- endfor %}
    from read_once

),

parsed as (

    select
        la_code,
        source_file,
        record_number,
        {{ spec['id'] }}__text as row_id
        {%- for c in cols %},
        {{ c['name'] }}__text
        {%- endfor -%}
        {%- for c in cols -%}
        {%- set t = c['name'] ~ '__text' -%}
        {%- if c['kind'] == 'id' %},
        case when length({{ t }}) <= 48 then {{ t }} end as {{ c['name'] }}
        {%- elif c['kind'] in ('event_date', 'life_date', 'expected_date') %},
        {{ null_date_placeholder(c['name'] ~ '__parsed') }} as {{ c['name'] }}
        {%- elif c['kind'] == 'flag' %},
        {{ c['name'] }}__parsed as {{ c['name'] }}
        {%- elif c['kind'] == 'code' %},
        upper({{ t }}) as {{ c['name'] }}
        {%- elif c['kind'] == 'json' %}
        {%- for key in c['keys'] %},
        {{ parse_flag(c['name'] ~ '__' ~ key ~ '__text') }} as {{ c['name'] | replace('_json', '') }}__{{ key }}
        {%- endfor %}
        {%- else %},
        {{ t }} as {{ c['name'] }}
        {%- endif -%}
        {%- endfor -%}
        {#- optional values given but unparseable: kept as null, counted in the run summary -#}
        {%- for c in cols if not c.get('required') and c['kind'] in ('id', 'event_date', 'life_date', 'expected_date', 'flag', 'json') -%}
        {%- set t = c['name'] ~ '__text' -%}
        {%- if c['kind'] == 'id' %},
        coalesce(length({{ t }}) > 48, false) as invalid__{{ c['name'] }}
        {%- elif c['kind'] == 'json' %},
        ({{ t }} is not null and (not {{ c['name'] }}__is_object
            {%- for key in c['keys'] %}
            or ({{ c['name'] }}__{{ key }}__text is not null and {{ parse_flag(c['name'] ~ '__' ~ key ~ '__text') }} is null)
            {%- endfor %})) as invalid__{{ c['name'] }}
        {%- else %},
        ({{ t }} is not null and {{ c['name'] }}__parsed is null) as invalid__{{ c['name'] }}
        {%- endif -%}
        {%- endfor %}
    from json_values

),

ruled as (

    select
        parsed.*,
        case
            {%- for chk in checks %}
            when {{ chk['when'] }} then '{{ chk["rule"] }}'
            {%- endfor %}
        end as first_broken_rule,
        case
            {%- for chk in checks %}
            when {{ chk['when'] }} then {{ chk['column'] }}__text
            {%- endfor %}
        end as first_broken_value,
        case
            {%- for chk in checks %}
            when {{ chk['when'] }} then '{{ chk["column"] }}'
            {%- endfor %}
        end as first_broken_column
    from parsed

),

duplicated_ids as (

    -- Ids given more than once among the rows that pass rules 1-4: few, so the window that
    -- ranks them in file order runs over those rows only, not over every row of the table.
    select la_code, {{ spec['id'] }}
    from ruled
    where first_broken_rule is null
    group by la_code, {{ spec['id'] }}
    having count(*) > 1

),

marked as (

    select ruled.*, duplicated_ids.{{ spec['id'] }} is not null as id_is_duplicated
    from ruled
    left join duplicated_ids using (la_code, {{ spec['id'] }})

),

ranked as (

    -- Duplicates are judged only among rows that pass rules 1-4: first in file order is kept.
    select marked.*, 1 as id_occurrence
    from marked
    where not id_is_duplicated or first_broken_rule is not null
    union all
    select
        marked.*,
        row_number() over (
            partition by la_code, {{ spec['id'] }}
            order by source_file, record_number
        ) as id_occurrence
    from marked
    where id_is_duplicated and first_broken_rule is null

)

select
    la_code,
    source_file,
    record_number,
    -- for stg_ssd__quarantine only: a clean row's id is in its typed id column, and writing
    -- every row's id twice cost about a tenth of the base table's write
    case when first_broken_rule is not null or id_occurrence > 1 then row_id end as row_id,
    {{ ssd_typed_columns(table) | join(',\n    ') }},
    case
        when first_broken_rule is not null then first_broken_rule
        when id_occurrence > 1 then 'duplicate_id'
    end as quarantine_rule,
    case
        when first_broken_rule is not null then first_broken_column
        when id_occurrence > 1 then '{{ spec["id"] }}'
    end as quarantine_column,
    case
        when first_broken_rule is not null then first_broken_value
        when id_occurrence > 1 then {{ spec['id'] }}
    end as quarantine_value
from ranked
{% endmacro %}

{#- The typed columns a base model carries, in contract order (json columns become one boolean
    per key), followed by the invalid__ markers of optional columns. -#}
{% macro ssd_typed_columns(table) %}
  {%- set out = [] -%}
  {%- set cols = ssd_tables()[table]['columns'] -%}
  {%- for c in cols -%}
    {%- if c['kind'] == 'json' -%}
      {%- for key in c['keys'] -%}{%- do out.append(c['name'] | replace('_json', '') ~ '__' ~ key) -%}{%- endfor -%}
    {%- else -%}{%- do out.append(c['name']) -%}{%- endif -%}
  {%- endfor -%}
  {%- for c in ssd_invalid_columns(table) -%}{%- do out.append('invalid__' ~ c) -%}{%- endfor -%}
  {{ return(out) }}
{% endmacro %}

{#- Optional columns whose given value can fail to parse (and is then counted, not quarantined). -#}
{% macro ssd_invalid_columns(table) %}
  {%- set out = [] -%}
  {%- for c in ssd_tables()[table]['columns'] if not c.get('required')
        and c['kind'] in ('id', 'event_date', 'life_date', 'expected_date', 'flag', 'json') -%}
    {%- do out.append(c['name']) -%}
  {%- endfor -%}
  {{ return(out) }}
{% endmacro %}
