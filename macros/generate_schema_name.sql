{#- Use the folder's schema name as it is (marts, staging, ...) so analysts query marts.kpi_values
    rather than main_marts.kpi_values. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
