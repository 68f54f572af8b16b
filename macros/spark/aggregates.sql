{#- Spark 3.5 has no string_agg: the values are collected with their sort keys as structs,
    sorted (structs compare field by field) and joined. array_join skips nulls as string_agg
    does, but gives '' for an empty group, hence the count. -#}
{% macro spark__ordered_string_agg(expression, separator, order_by) -%}
case when count({{ expression }}) > 0 then array_join(transform(array_sort(collect_list(named_struct(
    {%- for o in order_by %}'k{{ loop.index }}', {{ o }}, {% endfor %}'v', {{ expression }}))), s -> s.v), {{ separator }}) end
{%- endmacro %}
