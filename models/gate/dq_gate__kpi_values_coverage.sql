-- The quality gate's frame of KPI coverage: one row per LA and KPI of the registry (marts.kpis,
-- with its period types and this run's input tables as rows: int_kpis__period_types and
-- int_kpis__input_tables): are all its period types there ('present'), were its input files
-- absent ('no_input'), or not ('missing', 'incomplete')?
{{ config(materialized='view') }}

with kpis as (

    select kpi_id from {{ ref('kpis') }}

),

expected_types as (

    select kpi_id, period_type from {{ ref('int_kpis__period_types') }}

),

inputs as (

    select kpi_id, table_name from {{ ref('int_kpis__input_tables') }}

),

las as (

    select la_code from {{ ref('dq_table_reconciliation') }}
    union
    select la_code from {{ ref('kpi_values') }}

),

reported as (

    select distinct la_code, kpi_id, period_type from {{ ref('kpi_values') }}

),

la_kpis as (

    select las.la_code, kpis.kpi_id from las cross join kpis

),

have as (

    select
        k.la_code, k.kpi_id,
        {{ ordered_string_agg('r.period_type', "', '", ['r.period_type']) }} as have_list,
        count(r.period_type) as n_have
    from la_kpis as k
    left join reported as r on r.la_code = k.la_code and r.kpi_id = k.kpi_id
    group by k.la_code, k.kpi_id

),

expected as (

    select
        kpi_id,
        {{ ordered_string_agg('period_type', "', '", ['period_type']) }} as expected_list
    from expected_types
    group by kpi_id

),

absent as (

    select
        k.la_code, k.kpi_id,
        {{ ordered_string_agg('i.table_name', "', '", ['i.table_name']) }} as absent_list
    from la_kpis as k
    join inputs as i on i.kpi_id = k.kpi_id
    left join {{ ref('dq_table_reconciliation') }} as files
        on files.la_code = k.la_code and files.table_name = i.table_name and files.is_present
    where files.la_code is null
    group by k.la_code, k.kpi_id

)

select
    h.la_code,
    h.kpi_id as subject,
    case
        when coalesce(h.have_list, '') = coalesce(e.expected_list, '')
            then 'period types ' || coalesce(h.have_list, '')
        when h.n_have = 0 and a.absent_list is not null
            then 'input file absent: ' || a.absent_list
        when h.n_have = 0 then 'no rows although its inputs are present'
        else 'period types ' || h.have_list || '; expected ' || coalesce(e.expected_list, '')
    end as detail,
    case
        when coalesce(h.have_list, '') = coalesce(e.expected_list, '') then 'present'
        when h.n_have = 0 and a.absent_list is not null then 'no_input'
        when h.n_have = 0 then 'missing'
        else 'incomplete'
    end as status
from have as h
left join expected as e on e.kpi_id = h.kpi_id
left join absent as a on a.la_code = h.la_code and a.kpi_id = h.kpi_id
