{#- The median of a column as an aggregate: the 50th percentile, interpolated between the two
    middle values when their number is even. percentile_cont(...) within group is ANSI SQL and
    runs on DuckDB, Postgres and Spark 3.3+; an engine that spells it otherwise gets its own
    <adapter>__median_of. -#}
{% macro median_of(expression) %}{{ return(adapter.dispatch('median_of')(expression)) }}{% endmacro %}

{% macro default__median_of(expression) -%}
percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}
