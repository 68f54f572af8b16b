-- The quality gate's frame of scorecard rows: one row per LA, KPI and month, with the RAG,
-- the direction and whether it matches the registry's, and whether RAG and target agree.
-- The gate keeps the month being published.
{{ config(materialized='view') }}

select
    s.la_code,
    s.kpi_id as subject,
    {{ year_month('s.month_end') }} || ': rag ' || coalesce(s.rag, 'null')
        || ', target ' || coalesce(cast(s.target_value as string), 'null')
        || ', headline ' || coalesce(cast(round(s.headline_value, 2) as string), 'null')
        || ', direction ' || coalesce(s.direction, 'null')
        || ' (catalogue ' || coalesce(c.direction, 'none') || ')' as detail,
    s.rag,
    s.direction,
    coalesce(s.direction = c.direction, false) as direction_matches_catalogue,
    s.direction_of_travel,
    case
        when s.target_value is not null and s.headline_value is not null
             and s.rag is null then 'rag_missing'
        when s.target_value is null and s.rag is not null then 'rag_without_target'
        else 'ok'
    end as rag_state,
    s.month_end
from {{ ref('scorecard') }} as s
left join {{ ref('kpis') }} as c on c.kpi_id = s.kpi_id
