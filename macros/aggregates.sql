{#- Text aggregates (engine-specific, so dispatched). -#}

{#- The group's non-null values of expression joined by separator (a SQL string literal), in
    the order of the order_by expressions (ascending; negate a number for descending); null
    when the group has none, as string_agg gives. -#}
{% macro ordered_string_agg(expression, separator, order_by) %}{{ return(adapter.dispatch('ordered_string_agg')(expression, separator, order_by)) }}{% endmacro %}

{% macro default__ordered_string_agg(expression, separator, order_by) -%}
string_agg({{ expression }}, {{ separator }} order by {{ order_by | join(', ') }})
{%- endmacro %}
