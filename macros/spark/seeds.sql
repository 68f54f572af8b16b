{#- Seeds on Spark's session method: dbt-spark binds a seed's values by pasting them into the
    SQL text between quotes without escaping them, so a value holding an apostrophe ("last
    month's") broke the insert. The values are written here as escaped literals instead
    (spark__escape_single_quotes, macros/spark/literals.sql), the same on every method. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
  {%- set column_override = model['config'].get('column_types', {}) -%}
  {%- set statements = [] -%}
  {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
    {%- set sql -%}
      insert into {{ this.render() }} values
      {% for row in chunk -%}
        ({%- for col_name in agate_table.column_names -%}
          {%- set type = column_override.get(col_name, adapter.convert_type(agate_table, loop.index0)) -%}
          {%- set value = row[loop.index0] -%}
          cast({% if value is none %}null{% else %}'{{ escape_single_quotes(value | string) }}'{% endif %} as {{ type }})
          {%- if not loop.last %},{% endif -%}
        {%- endfor -%})
        {%- if not loop.last %},{% endif %}
      {% endfor %}
    {%- endset -%}
    {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
    {%- do statements.append(sql) if loop.first -%}
  {%- endfor -%}
  {{ return(statements[0]) }}
{% endmacro %}
