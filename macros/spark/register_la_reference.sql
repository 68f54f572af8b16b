{#- The LA's own reference files on Spark: the same views and checks as
    duckdb__register_la_reference (macros/register_la_reference.sql). Each file is read as an
    extract CSV is (macros/spark/register_extract.sql); a bad row stops the run naming the file,
    line and column. -#}
{% macro spark__register_la_reference(folder) %}
  {%- set kinds = la_reference_files() -%}
  {%- set listing = _spark_extract_listing(folder['path']) -%}
  {%- set root = _spark_listed_root(folder['path'], listing) -%}
  {%- set las = run_query("select la_code, max(case when file_path like " ~ spark_string_literal(folder['label'] ~ '/') ~ " || la_code || '/%' then 1 else 0 end) from extract.extract_files group by la_code order by la_code") -%}
  {%- set selects = {} -%}
  {%- for kind in kinds -%}{%- do selects.update({kind: []}) -%}{%- endfor -%}
  {%- set options = "header 'false', multiLine 'true', escape '\"', encoding 'UTF-8'" -%}
  {%- for la_row in las.rows -%}
    {%- set la = la_row[0] -%}
    {%- set ref_folder = (root ~ '/' ~ la ~ '/reference') if la_row[1] == 1 else (root ~ '/reference') -%}
    {%- for kind, spec in kinds.items() -%}
      {%- for entry in listing if entry[0].rsplit('/', 1)[0] == ref_folder and entry[0].rsplit('/', 1)[1].lower() == kind ~ '.csv' -%}
        {%- if loop.first -%}
          {%- set path = entry[0] -%}
          {%- set relation = 'extract.reference__' ~ la ~ '__' ~ kind -%}
          {%- do run_query("drop table if exists " ~ relation) -%}
          {%- do run_query("create table " ~ relation ~ " using csv options (path " ~ spark_string_literal(path) ~ ", " ~ options ~ ")") -%}
          {%- set first = run_query("select * from " ~ relation ~ " limit 1") -%}
          {%- set names = [] -%}
          {%- for v in (first.rows[0] if first.rows | length else []) -%}{%- do names.append((v or '') | trim | lower) -%}{%- endfor -%}
          {%- for c in spec['types'] if c not in names and c not in spec['texts'] and c != 'target_count' -%}
            {{ exceptions.raise_compiler_error("An LA reference file cannot be read, so nothing was built:\n  - LA reference file " ~ path ~ ": required column " ~ c ~ " is missing from the header.") }}
          {%- endfor -%}
          {%- set read -%}
            select line_number{% for c in spec['types'] if c in names %}, _c{{ names.index(c) }} as {{ c }}{% endfor %}
            from (select *, row_number() over (order by monotonically_increasing_id()) as line_number from {{ relation }}) as numbered
            where line_number > 1
          {%- endset -%}
          {%- do selects[kind].append(_la_reference_rows(read, spec, names, la, path)) -%}
        {%- endif -%}
      {%- endfor -%}
    {%- endfor -%}
  {%- endfor -%}
  {%- do _la_reference_views(kinds, selects) -%}
{% endmacro %}
