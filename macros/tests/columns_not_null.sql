{#- Generic test: none of the given columns holds a null. One scan of the model checks every
    column (a not_null test per column scanned it once per column and cost a dbt node each:
    108 nodes, about 5 s of a council's build); a failure returns one row per column that
    has nulls, with how many rows. -#}
{% test columns_not_null(model, columns) %}
with null_rows as (

    select
        {%- for c in columns %}
        sum(case when {{ c }} is null then 1 else 0 end) as {{ c }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ model }}

)
{% for c in columns %}
select '{{ c }}' as column_name, {{ c }} as null_rows from null_rows where {{ c }} > 0
{%- if not loop.last %}
union all
{%- endif %}
{% endfor %}
{% endtest %}
