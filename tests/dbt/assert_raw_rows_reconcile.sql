-- Nothing lost: for every SSD table and LA, rows read = rows staged + rows quarantined, and the
-- source relation itself (not just the base model) has that many rows.
{%- set tables = ssd_tables().keys() | list %}

with raw_counts as (
{% for table in tables %}
    select la_code, '{{ table }}' as table_name, count(*) as raw_rows
    from {{ source('ssd', table) }}
    group by la_code
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

)

select recon.*, raw_counts.raw_rows as rows_in_source_relation
from {{ ref('dq_table_reconciliation') }} as recon
left join raw_counts
    on raw_counts.la_code = recon.la_code and raw_counts.table_name = recon.table_name
where recon.raw_rows <> recon.staged_rows + recon.quarantined_rows
   or recon.raw_rows <> coalesce(raw_counts.raw_rows, 0)
