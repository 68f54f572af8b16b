{#- Spark reads backslash escapes inside string literals ('\"' is '"'), where DuckDB and ANSI
    SQL keep the backslash. dbt-spark escapes only the single quote, so a text with a backslash
    (a unit test's JSON fixture "said \"no\"") would change on its way into Spark. The
    backslash is escaped too, so a literal holds exactly the text given on both engines. -#}
{% macro spark__escape_single_quotes(expression) -%}
{{ expression | replace("\\", "\\\\") | replace("'", "\\'") }}
{%- endmacro %}
