-- The quality gate's frame of the extract as staged: one row per LA and SSD table, with rows
-- read, staged and quarantined, the quarantine share and the rules that quarantined rows.
-- A view, so it always reads the tables it describes.
{{ config(materialized='view') }}

with reconciliation as (

    select * from {{ ref('dq_table_reconciliation') }}

),

rule_counts as (

    select la_code, table_name, rule, count(*) as n
    from {{ ref('stg_ssd__quarantine') }}
    group by la_code, table_name, rule

),

rules as (

    select la_code, table_name, {{ ordered_string_agg("rule || ' ' || n", "', '", ['-n', 'rule']) }} as rules
    from rule_counts
    group by la_code, table_name

)

select
    r.la_code,
    r.table_name as subject,
    'raw ' || r.raw_rows || ', staged ' || r.staged_rows || ', quarantined '
        || r.quarantined_rows
        || case when coalesce(q.rules, '') <> '' then ' (' || q.rules || ')' else '' end
        || case when not r.is_present then '; file absent' else '' end as detail,
    r.table_name,
    coalesce(r.is_present, false) as is_present,
    true as in_warehouse,
    cast(r.raw_rows as double) as raw_rows,
    cast(r.staged_rows as double) as staged_rows,
    cast(r.quarantined_rows as double) as quarantined_rows,
    case when r.raw_rows > 0 then cast(r.quarantined_rows as double) / r.raw_rows else 0.0 end
        as quarantine_share,
    coalesce(r.raw_rows = r.staged_rows + r.quarantined_rows, false) as reconciles
from reconciliation as r
left join rules as q on q.la_code = r.la_code and q.table_name = r.table_name
