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
          {%- set checks = [] -%}
          {%- for c in spec['keys'] -%}
            {%- do checks.append("select line_number, '" ~ c ~ "' as column_name, " ~ c ~ " as value, 'is missing' as problem from raw where nullif(trim(" ~ c ~ "), '') is null") -%}
          {%- endfor -%}
          {%- for c in spec['numbers'] if c in names -%}
            {%- do checks.append("select line_number, '" ~ c ~ "', " ~ c ~ ", 'is not a number' from raw where nullif(trim(" ~ c ~ "), '') is not null and try_cast(trim(" ~ c ~ ") as double) is null") -%}
          {%- endfor -%}
          {%- do checks.append("select line_number, 'la_code', la_code, 'is not the folder\\'s LA " ~ la ~ "' from raw where trim(la_code) <> '" ~ la ~ "'") -%}
          {%- set bad = run_query("with raw as (" ~ read ~ ") select * from (" ~ checks | join(' union all ') ~ ") as problems order by line_number limit 1") -%}
          {%- if bad.rows | length > 0 -%}
            {%- set b = bad.rows[0] -%}
            {{ exceptions.raise_compiler_error("LA reference file " ~ path ~ " line " ~ b[0] ~ ", column " ~ b[1] ~ ": value '" ~ (b[2] if b[2] is not none else '') ~ "' " ~ b[3] ~ ".") }}
          {%- endif -%}
          {%- set select_list = [] -%}
          {%- for c, t in spec['types'].items() -%}
            {%- set t = 'string' if t == 'varchar' else t -%}
            {%- if c in names -%}
              {%- do select_list.append("cast(nullif(trim(" ~ c ~ "), '') as " ~ t ~ ") as " ~ c) -%}
            {%- else -%}
              {%- do select_list.append("cast(null as " ~ t ~ ") as " ~ c) -%}
            {%- endif -%}
          {%- endfor -%}
          {%- do selects[kind].append("select " ~ select_list | join(', ') ~ " from (" ~ read ~ ") as raw") -%}
        {%- endif -%}
      {%- endfor -%}
    {%- endfor -%}
  {%- endfor -%}
  {%- for kind, spec in kinds.items() -%}
    {%- if selects[kind] -%}
      {%- set body = selects[kind] | join('\nunion all\n') -%}
    {%- else -%}
      {%- set nulls = [] -%}
      {%- for c, t in spec['types'].items() -%}{%- do nulls.append("cast(null as " ~ ('string' if t == 'varchar' else t) ~ ") as " ~ c) -%}{%- endfor -%}
      {%- set body = "select " ~ nulls | join(', ') ~ " where false" -%}
    {%- endif -%}
    {%- do run_query("create or replace view extract.la_" ~ kind ~ " as\n" ~ body) -%}
  {%- endfor -%}
{% endmacro %}
