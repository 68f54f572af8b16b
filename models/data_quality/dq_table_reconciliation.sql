-- Every raw row is staged or quarantined: per LA and SSD table, rows read, staged and
-- quarantined, and whether the file was present. A singular test asserts read = staged +
-- quarantined for every row here.
{%- set tables = ssd_tables().keys() | list %}

with files as (

    select la_code, table_name, is_present from {{ source('ssd', 'extract_files') }}

),

counts as (
{% for table in tables %}
    select
        la_code,
        '{{ table }}' as table_name,
        count(*) as raw_rows,
        sum(case when quarantine_rule is null then 1 else 0 end) as staged_rows_in_base,
        sum(case when quarantine_rule is not null then 1 else 0 end) as quarantined_rows_in_base
    from {{ ref('base_ssd__' ~ table[4:]) }}
    group by la_code
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

),

staged as (
{% for table in tables %}
    select la_code, '{{ table }}' as table_name, count(*) as staged_rows
    from {{ ref('stg_ssd__' ~ table[4:]) }}
    group by la_code
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

),

quarantined as (

    select la_code, table_name, count(*) as quarantined_rows
    from {{ ref('stg_ssd__quarantine') }}
    group by la_code, table_name

)

select
    files.la_code,
    files.table_name,
    files.is_present,
    cast(coalesce(counts.raw_rows, 0) as bigint) as raw_rows,
    cast(coalesce(staged.staged_rows, 0) as bigint) as staged_rows,
    cast(coalesce(quarantined.quarantined_rows, 0) as bigint) as quarantined_rows
from files
left join counts
    on files.la_code = counts.la_code and files.table_name = counts.table_name
left join staged
    on files.la_code = staged.la_code and files.table_name = staged.table_name
left join quarantined
    on files.la_code = quarantined.la_code and files.table_name = quarantined.table_name
