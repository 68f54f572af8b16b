-- The quality gate's frame of unknown codes: one row per LA and staged table, with the worst
-- column's share of staged rows holding a code outside the code lists (dq_value_issues:
-- unknown_code, unmapped_type).
{{ config(materialized='view') }}

with issues as (

    select la_code, table_name, column_name, sum(row_count) as n
    from {{ ref('dq_value_issues') }}
    where issue in ('unknown_code', 'unmapped_type')
    group by la_code, table_name, column_name

),

present as (

    select la_code, table_name, staged_rows
    from {{ ref('dq_table_reconciliation') }}
    where is_present and staged_rows > 0

)

select
    p.la_code,
    p.table_name as subject,
    coalesce({{ ordered_string_agg("i.column_name || ': ' || i.n || ' of ' || p.staged_rows || ' rows'",
                                 "'; '", ['i.column_name']) }}, 'none') as detail,
    coalesce(max(cast(i.n as double) / p.staged_rows), 0.0) as unknown_code_share
from present as p
left join issues as i on i.la_code = p.la_code and i.table_name = p.table_name
group by p.la_code, p.table_name
