{#- Spark implementations of macros/dates.sql's dispatched date functions. -#}

{#- Spark knows no isodow; DAYOFWEEK_ISO is the same Monday = 1 ... Sunday = 7. -#}
{% macro spark__day_of_week_iso(date_expr) -%}
cast(extract(dayofweek_iso from {{ date_expr }}) as integer)
{%- endmacro %}
