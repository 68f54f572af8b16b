{#-
  Reads an extract folder in place (var extract_dir) and registers one view per SSD table in
  schema `extract`, the dbt source `ssd`. Runs as on-run-start so that a broken folder stops
  the run before any model is built.

  Why views made here rather than a source `external_location`: the contract needs things an
  external_location string cannot say: file names matched in any case, a regional folder of
  per-LA sub-folders, an absent file read as an empty table (and reported), and headers matched
  in any case with a missing required column named before anything runs.

  Each view has: la_code, source_file, record_number (1-based data row in the file, blank lines
  skipped), then every contract column as text (null when the file lacks an optional column).
  Table `extract.extract_files` lists what was found for the run summary.
-#}
{% macro register_extract() %}
  {%- if execute and var('extract_dir', none) is not none -%}
    {{- adapter.dispatch('register_extract')(var('extract_dir')) -}}
  {%- endif -%}
{% endmacro %}

{% macro duckdb__register_extract(extract_dir) %}
  {%- set root = extract_dir | string | replace("\\", "/") -%}
  {%- set root = root[:-1] if root.endswith('/') else root -%}
  {%- set tables = ssd_tables() -%}

  {#- Every file one or two levels down; names are matched case-insensitively in SQL. -#}
  {%- set root_sql = root | replace("'", "''") -%}
  {%- set listing = run_query(
      "select file from glob('" ~ root_sql ~ "/*') union all select file from glob('" ~ root_sql ~ "/*/*') order by 1") -%}
  {%- set files = listing.columns[0].values() -%}
  {%- if files | length == 0 -%}
    {{ exceptions.raise_compiler_error("Extract folder " ~ root ~ " does not exist or holds no files.") }}
  {%- endif -%}

  {#- Regional when any 3-digit sub-folder holds an ssd_*.csv (or .parquet) file. -#}
  {%- set las = {} -%}
  {%- for f in files -%}
    {%- set rel = f[root | length + 1:] -%}
    {%- set parts = rel.split('/') -%}
    {%- if parts | length == 2 and parts[0] | length == 3 and parts[0].isdigit()
          and parts[1].lower().startswith('ssd_')
          and (parts[1].lower().endswith('.csv') or parts[1].lower().endswith('.parquet')) -%}
      {%- do las.update({parts[0]: true}) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- set regional = las | length > 0 -%}
  {%- set la_codes = (las.keys() | list | sort) if regional else [var('la_code') | string] -%}

  {%- set file_rows = [] -%}
  {%- set views = {} -%}
  {%- set body_checks = {} -%}
  {%- for table in tables -%}{%- do views.update({table: []}) -%}{%- do body_checks.update({table: []}) -%}{%- endfor -%}

  {%- for la in la_codes -%}
    {%- set folder = (root ~ '/' ~ la) if regional else root -%}
    {%- for table, spec in tables.items() -%}
      {%- set matches = [] -%}
      {%- for f in files if f.rsplit('/', 1)[0] == folder
            and f.rsplit('/', 1)[1].lower() in (table ~ '.csv', table ~ '.parquet') -%}
        {%- do matches.append(f) -%}
      {%- endfor -%}
      {%- if matches | length > 1 -%}
        {{ exceptions.raise_compiler_error("Extract folder " ~ folder ~ " holds more than one file for " ~ table ~ ": " ~ matches | join(', ')) }}
      {%- endif -%}
      {%- if matches | length == 0 -%}
        {%- do file_rows.append("('" ~ la ~ "', '" ~ table ~ "', null, false)") -%}
      {%- else -%}
        {%- set path = matches[0] -%}
        {%- do file_rows.append("('" ~ la ~ "', '" ~ table ~ "', '" ~ path | replace("'", "''") ~ "', true)") -%}
        {%- if path.lower().endswith('.parquet') -%}
          {%- do views[table].append(_extract_parquet_select(path, la, table, spec)) -%}
        {%- else -%}
          {%- set select_and_check = _extract_file_select(path, la, table, spec) -%}
          {%- do views[table].append(select_and_check[0]) -%}
          {%- do body_checks[table].append(select_and_check[1]) -%}
        {%- endif -%}
      {%- endif -%}
    {%- endfor -%}
  {%- endfor -%}

  {#- Every CSV file is read whole once now, so that a row with too many or too few fields, an
      unclosed quote or bytes that are not UTF-8 stop the run here, before any model is built
      (DuckDB's error names the file and line). One query per table reads its files in parallel. -#}
  {%- for table in tables if body_checks[table] | length > 0 -%}
    {%- do run_query(body_checks[table] | join('\nunion all\n')) -%}
  {%- endfor -%}
  {%- do run_query("create schema if not exists extract") -%}
  {%- for table, spec in tables.items() -%}
    {%- if views[table] | length == 0 -%}
      {%- set body -%}
        select cast(null as varchar) as la_code, cast(null as varchar) as source_file,
               cast(null as bigint) as record_number
          {%- for c in spec['columns'] %}, cast(null as varchar) as {{ c['name'] }}{% endfor %}
        where false
      {%- endset -%}
    {%- else -%}
      {%- set body = views[table] | join('\nunion all\n') -%}
    {%- endif -%}
    {%- do run_query("create or replace view extract." ~ table ~ " as\n" ~ body) -%}
  {%- endfor -%}
  {%- do run_query("create or replace table extract.extract_files as select * from (values "
        ~ file_rows | join(', ') ~ ") as t(la_code, table_name, file_path, is_present)") -%}
  {%- set found = [] -%}
  {%- for table in tables -%}{%- do found.extend(views[table]) -%}{%- endfor -%}
  {{- log("Extract " ~ root ~ ": " ~ (la_codes | length) ~ " LA(s) " ~ la_codes | join(', ')
         ~ ", " ~ found | length ~ " of " ~ file_rows | length ~ " table files found", info=true) -}}
  {%- if found | length == 0 -%}
    {%- do exceptions.warn("Extract folder " ~ root ~ " holds no ssd_*.csv or ssd_*.parquet table file: every table is empty.") -%}
  {%- endif -%}
{% endmacro %}

{#- One file as a select of the contract's columns, after checking its header. -#}
{% macro _extract_file_select(path, la, table, spec) %}
  {%- set quoted = path | replace("'", "''") -%}
  {#- The header line alone: one field per line (a delimiter that never occurs, no quoting). -#}
  {%- set head = run_query("select * from read_csv('" ~ quoted ~ "', header=false, auto_detect=false, "
        ~ "columns={'line': 'VARCHAR'}, delim='\x01', quote='', escape='', strict_mode=false) limit 1") -%}
  {%- if head.rows | length == 0 or (head.rows[0][0] or '') | trim == '' -%}
    {{ exceptions.raise_compiler_error("Extract file " ~ path ~ " is empty or has no header row.") }}
  {%- endif -%}
  {%- set names = [] -%}
  {%- for raw_name in head.rows[0][0].split(',') -%}
    {%- set n = raw_name | trim -%}
    {%- if n.startswith('"') and n.endswith('"') and n | length >= 2 -%}{%- set n = n[1:-1] | trim -%}{%- endif -%}
    {%- do names.append(n | lower) -%}
  {%- endfor -%}
  {#- A column we read must be unambiguous; repeated names of columns we never read do no harm. -#}
  {%- set contract_names = [] -%}
  {%- for c in spec['columns'] -%}{%- do contract_names.append(c['name']) -%}{%- endfor -%}
  {%- for n in names -%}
    {%- if n in contract_names and names.count(n) > 1 -%}
      {{ exceptions.raise_compiler_error("Extract file " ~ path ~ ": column " ~ n ~ " appears more than once in the header.") }}
    {%- endif -%}
  {%- endfor -%}
  {%- for c in spec['columns'] if c.get('required') and c['name'] not in names -%}
    {{ exceptions.raise_compiler_error("Extract file " ~ path ~ ": required column " ~ c['name'] ~ " is missing from the header.") }}
  {%- endfor -%}
  {#- Columns the contract does not read are named positionally; their values are never used. -#}
  {%- set col_names = [] -%}
  {%- for n in names -%}
    {%- do col_names.append(n if n in contract_names else '_unused_' ~ loop.index) -%}
  {%- endfor -%}
  {%- set col_defs = [] -%}
  {%- for n in col_names -%}{%- do col_defs.append("'" ~ n ~ "': 'VARCHAR'") -%}{%- endfor -%}
  {%- set reader -%}
    read_csv('{{ quoted }}', header=true, auto_detect=false, columns={ {{- col_defs | join(', ') -}} },
             delim=',', quote='"', escape='"', strict_mode=true, null_padding=false, encoding='utf-8')
  {%- endset -%}
  {#- The whole-file read that checks the body (see duckdb__register_extract): every column
      included, because DuckDB skips the UTF-8 check of columns a query does not use (an unused
      pers_forename in Latin-1 would otherwise pass unnoticed). -#}
  {%- set checks = ['count(*)'] -%}
  {%- for n in col_names -%}{%- do checks.append('count("' ~ n ~ '")') -%}{%- endfor -%}
  {%- set check_sql = "select " ~ checks | join(' + ') ~ " as fields from " ~ reader -%}
  {#- DuckDB skips blank lines, except in a file of one column, where a blank line is a row with
      one null value: dropped here, and the rows numbered after that. -#}
  {%- set one_column = col_names | length == 1 -%}
  {%- set sql -%}
    select '{{ la }}' as la_code, '{{ quoted }}' as source_file,
      {% if one_column %}cast(row_number() over (order by ordinality) as bigint){% else %}cast(ordinality as bigint){% endif %} as record_number
      {%- for c in spec['columns'] %},
      {% if c['name'] in names %}{{ c['name'] }}{% else %}cast(null as varchar) as {{ c['name'] }}{% endif %}
      {%- endfor %}
    from {{ reader }}
         with ordinality
    {% if one_column %}where "{{ col_names[0] }}" is not null{% endif %}
  {%- endset -%}
  {{ return([sql, check_sql]) }}
{% endmacro %}

{#- One Parquet file (the generator's --format parquet, or an LA's own export) as the same
    select: column names matched in any case, every value cast to text so that staging parses
    both formats alike, record_number from the file's row order. Parquet needs no whole-file
    pre-read: it is structured, and a corrupt file fails on its footer here. -#}
{% macro _extract_parquet_select(path, la, table, spec) %}
  {%- set quoted = path | replace("'", "''") -%}
  {%- set described = run_query("describe select * from read_parquet('" ~ quoted ~ "')") -%}
  {%- set originals = {} -%}
  {%- for name in described.columns[0].values() -%}
    {%- set clean = name | trim | lower -%}
    {%- if clean in originals -%}
      {{ exceptions.raise_compiler_error("Extract file " ~ path ~ ": column " ~ clean ~ " appears more than once.") }}
    {%- endif -%}
    {%- do originals.update({clean: name}) -%}
  {%- endfor -%}
  {%- for c in spec['columns'] if c.get('required') and c['name'] not in originals -%}
    {{ exceptions.raise_compiler_error("Extract file " ~ path ~ ": required column " ~ c['name'] ~ " is missing.") }}
  {%- endfor -%}
  {%- set sql -%}
    select '{{ la }}' as la_code, '{{ quoted }}' as source_file,
      cast(file_row_number + 1 as bigint) as record_number
      {%- for c in spec['columns'] %},
      {% if c['name'] in originals %}cast("{{ originals[c['name']] | replace('"', '""') }}" as varchar){% else %}cast(null as varchar){% endif %} as {{ c['name'] }}
      {%- endfor %}
    from read_parquet('{{ quoted }}', file_row_number=true)
  {%- endset -%}
  {{ return(sql) }}
{% endmacro %}
