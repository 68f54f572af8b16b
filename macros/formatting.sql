{#- Text formatting for the report's sentences (engine-specific, so dispatched). -#}

{#- A number as text with a fixed number of decimals (37.888 -> '37.9'); null stays null. -#}
{% macro format_decimal(number, decimals) %}{{ return(adapter.dispatch('format_decimal')(number, decimals)) }}{% endmacro %}
{% macro duckdb__format_decimal(number, decimals) -%}
printf('%.{{ decimals }}f', cast({{ number }} as double))
{%- endmacro %}

{#- The English name of a date's month ('December'). -#}
{% macro month_name(date_expr) %}{{ return(adapter.dispatch('month_name')(date_expr)) }}{% endmacro %}
{% macro duckdb__month_name(date_expr) -%}
strftime({{ date_expr }}, '%B')
{%- endmacro %}

{#- YYYY-MM of a date, the key of the commentary seed. -#}
{% macro year_month(date_expr) -%}
cast({{ year_of(date_expr) }} as {{ dbt.type_string() }}) || '-'
    || lpad(cast(cast(extract(month from {{ date_expr }}) as integer) as {{ dbt.type_string() }}), 2, '0')
{%- endmacro %}
