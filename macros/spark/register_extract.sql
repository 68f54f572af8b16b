{#-
  The source `ssd` on Spark: the same relations as duckdb__register_extract
  (macros/register_extract.sql), read with Spark's own CSV and Parquet readers from any path
  Spark reads (a local folder, s3a://, abfss://, ...).

  Every table file becomes an external table in database `extract` (csv__<la>__<table> or
  parquet__<la>__<table>: metadata only, the file is read in place and never copied), and
  extract.<table> a view over the LA files of that table, as on DuckDB. External tables and
  views rather than temporary views so that the warehouse's Hive metastore keeps them: the
  gate and the publication read the build from another process.

  A CSV file is read with header false, so that the header is matched here in any case and
  with spaces trimmed, and every value is text. multiLine keeps a file in one task, which makes
  the reader's row ids (monotonically_increasing_id) count the records in file order
  (record_number), with no sort; a quoted value may hold line breaks.
  A row with more or fewer fields than the header lands in the reader's corrupt-record column
  and stops the run; so do bytes that are not UTF-8 (Spark decodes them as U+FFFD). As on
  DuckDB, messages name the file, line and column, never a value: the rows are child records.
-#}

{#- A Spark SQL string literal: Spark reads backslash escapes inside quotes. -#}
{% macro spark_string_literal(text) -%}
'{{ text | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}

{#- Every file under the folder, one or two levels down, as [path, length]; paths as Spark
    names them (file:/... for a local folder). -#}
{% macro _spark_extract_listing(root) %}
  {%- do run_query("create or replace temporary view csc_extract_listing using binaryFile options (path "
        ~ spark_string_literal(root) ~ ", recursiveFileLookup 'true')") -%}
  {%- set listing = run_query("select path, length from csc_extract_listing order by path") -%}
  {%- set out = [] -%}
  {%- for row in listing.rows -%}{%- do out.append([row[0], row[1]]) -%}{%- endfor -%}
  {{ return(out) }}
{% endmacro %}

{#- The folder as Spark writes it in listed paths: a local path becomes file:/path. -#}
{% macro _spark_listed_root(root, listing) %}
  {%- for entry in listing -%}
    {%- set tail = root.split('://', 1)[1] if '://' in root else root -%}
    {%- set at = entry[0].find(tail.rstrip('/') ~ '/') -%}
    {%- if at >= 0 -%}{{ return(entry[0][:at] ~ tail.rstrip('/')) }}{%- endif -%}
  {%- endfor -%}
  {{ return(root) }}
{% endmacro %}

{% macro spark__validate_extract(folder) %}
  {%- set tables = ssd_tables() -%}
  {%- set listing = _spark_extract_listing(folder['path']) -%}
  {%- set root = _spark_listed_root(folder['path'], listing) -%}
  {%- set files = [] -%}
  {%- set lengths = {} -%}
  {%- for entry in listing if entry[0].startswith(root ~ '/') and entry[0][root | length + 1:].count('/') <= 1 -%}
    {%- do files.append(entry[0]) -%}
    {%- do lengths.update({entry[0]: entry[1]}) -%}
  {%- endfor -%}
  {%- set las = _extract_las(root, files) -%}
  {%- set table_files = _extract_table_files(files, las, tables) -%}
  {#- label: as source_file names it; shown: the file as the folder was given, for messages -#}
  {%- for f in table_files if f['path'] -%}
    {%- do f.update({'label': folder['label'] ~ f['path'][root | length:],
                     'shown': folder['path'].rstrip('/') ~ f['path'][root | length:]}) -%}
  {%- endfor -%}
  {%- set present = [] -%}
  {%- for f in table_files if f['path'] -%}{%- do present.append(f) -%}{%- endfor -%}
  {%- if present | length == 0 -%}
    {{ exceptions.raise_compiler_error(_extract_no_table_file_message(folder['path'], files, tables)) }}
  {%- endif -%}
  {%- do run_query("create database if not exists extract") -%}
  {%- set problems = {} -%}
  {%- set selects = {} -%}
  {%- for f in present -%}
    {%- if f['path'].lower().endswith('.parquet') -%}
      {%- set read = _spark_extract_parquet_select(f, tables[f['table']]) -%}
    {%- elif lengths[f['path']] == 0 -%}
      {%- set read = [none, f['shown'] ~ ": the file is empty (0 bytes); a table file needs at least its header row."] -%}
    {%- else -%}
      {%- set read = _spark_extract_csv_select(f, tables[f['table']]) -%}
    {%- endif -%}
    {%- if read[1] -%}
      {%- do problems.update({f['path']: read[1]}) -%}
    {%- else -%}
      {%- do selects.update({f['path']: read[0]}) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- if problems -%}
    {%- set lines = [] -%}
    {%- for f in present if f['path'] in problems -%}{%- do lines.append("  - " ~ problems[f['path']]) -%}{%- endfor -%}
    {{ exceptions.raise_compiler_error("The extract in " ~ folder['path'] ~ " cannot be read, so nothing was built. "
        ~ (lines | length) ~ (" file needs" if lines | length == 1 else " files need") ~ " fixing (lines are counted from 1, the header):\n"
        ~ lines | join('\n')) }}
  {%- endif -%}
  {{ return({'las': las, 'table_files': table_files, 'present': present, 'selects': selects}) }}
{% endmacro %}

{#- The external table's name for one LA's file of one table. -#}
{% macro _spark_extract_file_table(kind, la, table) -%}
extract.{{ kind }}__{{ la }}__{{ table }}
{%- endmacro %}

{#- One CSV file: [select, none] or [none, problem]. The file is read twice: its first record
    (the header: how many fields, which names), then with that many text columns and the
    reader's corrupt-record column, which must stay empty. -#}
{% macro _spark_extract_csv_select(f, spec) %}
  {%- set path = f['path'] -%}
  {%- set shown = f['shown'] -%}
  {%- set options = "header 'false', multiLine 'true', escape '\"', encoding 'UTF-8'" -%}
  {%- do run_query("create or replace temporary view csc_extract_header using csv options (path "
        ~ spark_string_literal(path) ~ ", " ~ options ~ ")") -%}
  {%- set first = run_query("select * from csc_extract_header limit 1") -%}
  {%- if first.rows | length == 0 -%}
    {{ return([none, shown ~ ": the file has no header row."]) }}
  {%- endif -%}
  {%- set names = [] -%}
  {%- for v in first.rows[0] -%}{%- do names.append((v or '') | trim | lower) -%}{%- endfor -%}
  {%- set problem = _extract_header_problem(shown, names, spec) -%}
  {%- if problem -%}{{ return([none, problem]) }}{%- endif -%}
  {%- set relation = _spark_extract_file_table('csv', f['la'], f['table']) -%}
  {%- do run_query("drop table if exists " ~ relation) -%}
  {%- set columns = [] -%}
  {%- for n in names -%}{%- do columns.append('_c' ~ loop.index0 ~ ' string') -%}{%- endfor -%}
  {%- do run_query("create table " ~ relation ~ " (" ~ columns | join(', ') ~ ", _corrupt_record string) using csv options (path "
        ~ spark_string_literal(path) ~ ", " ~ options ~ ", mode 'PERMISSIVE', columnNameOfCorruptRecord '_corrupt_record')") -%}
  {#- multiLine makes the file one task, so the row's index in its task counts the records from 0
      (the header) in file order: no sort needed. monotonically_increasing_id() is the task's
      number times 2^33 plus that index; the mask keeps the index, whichever task of a union of
      files reads this one. -#}
  {%- set numbered -%}
    select *, (monotonically_increasing_id() & 8589934591) + 1 as file_record from {{ relation }}
  {%- endset -%}
  {%- set concat = [] -%}
  {%- for n in names -%}{%- do concat.append('_c' ~ loop.index0) -%}{%- endfor -%}
  {%- set bad = run_query("select min(case when _corrupt_record is not null then file_record end), "
        ~ "min(case when instr(concat_ws('', " ~ concat | join(', ') ~ "), decode(unhex('EFBFBD'), 'UTF-8')) > 0 then file_record end) "
        ~ "from (" ~ numbered ~ ")") -%}
  {%- if bad.rows[0][0] is not none -%}
    {{ return([none, shown ~ ", around line " ~ bad.rows[0][0] ~ ": the line has more or fewer fields than the header's "
        ~ names | length ~ " (a value that holds a comma must be in double quotes, and every opening quote closed)."]) }}
  {%- endif -%}
  {%- if bad.rows[0][1] is not none -%}
    {{ return([none, shown ~ ", around line " ~ bad.rows[0][1] ~ ": bytes that are not UTF-8. Save the file as UTF-8."]) }}
  {%- endif -%}
  {%- set sql -%}
    select '{{ f['la'] }}' as la_code, {{ spark_string_literal(f['label']) }} as source_file,
      cast(file_record - 1 as bigint) as record_number
      {%- for c in spec['columns'] %},
      {% if c['name'] in names %}_c{{ names.index(c['name']) }}{% else %}cast(null as string){% endif %} as {{ c['name'] }}
      {%- endfor %}
    from ({{ numbered }}) as numbered
    where file_record > 1
  {%- endset -%}
  {{ return([sql, none]) }}
{% endmacro %}

{#- One Parquet file: [select, problem], column names matched in any case, values as text. -#}
{% macro _spark_extract_parquet_select(f, spec) %}
  {%- set relation = _spark_extract_file_table('parquet', f['la'], f['table']) -%}
  {%- do run_query("drop table if exists " ~ relation) -%}
  {%- do run_query("create table " ~ relation ~ " using parquet options (path " ~ spark_string_literal(f['path']) ~ ")") -%}
  {%- set described = run_query("select * from " ~ relation ~ " limit 0") -%}
  {%- set originals = {} -%}
  {%- for name in described.column_names -%}
    {%- set clean = name | trim | lower -%}
    {%- if clean in originals -%}
      {{ return([none, f['shown'] ~ ": column " ~ clean ~ " appears more than once."]) }}
    {%- endif -%}
    {%- do originals.update({clean: name}) -%}
  {%- endfor -%}
  {%- for c in spec['columns'] if c.get('required') and c['name'] not in originals -%}
    {{ return([none, f['shown'] ~ ": required column " ~ c['name'] ~ " is missing."]) }}
  {%- endfor -%}
  {%- set sql -%}
    select '{{ f['la'] }}' as la_code, {{ spark_string_literal(f['label']) }} as source_file,
      cast(row_number() over (order by monotonically_increasing_id()) as bigint) as record_number
      {%- for c in spec['columns'] %},
      {% if c['name'] in originals %}cast(`{{ originals[c['name']] | replace('`', '``') }}` as string){% else %}cast(null as string){% endif %} as {{ c['name'] }}
      {%- endfor %}
    from {{ relation }}
  {%- endset -%}
  {{ return([sql, none]) }}
{% endmacro %}

{% macro spark__register_extract(folder) %}
  {%- set checked = adapter.dispatch('validate_extract')(folder) -%}
  {%- do _extract_table_views(checked) -%}
  {%- set rows = [] -%}
  {%- for f in checked['table_files'] -%}
    {%- do rows.append("('" ~ f['la'] ~ "', '" ~ f['table'] ~ "', "
          ~ (spark_string_literal(f['label']) if f['path'] else "cast(null as string)") ~ ", " ~ ('true' if f['path'] else 'false') ~ ")") -%}
  {%- endfor -%}
  {%- do run_query("create or replace view extract.extract_files as select "
        ~ "cast(la_code as string) as la_code, cast(table_name as string) as table_name, "
        ~ "cast(file_path as string) as file_path, cast(is_present as boolean) as is_present "
        ~ "from values " ~ rows | join(', ') ~ " as t(la_code, table_name, file_path, is_present)") -%}
  {{- _log_extract(folder, checked) -}}
{% endmacro %}
