{#-
  The source `ssd`: one path for every extract (docs/extract-format.md, "How the extract
  becomes the source ssd").

  Whatever its origin (a council's folder given as var extract_dir, a regional folder of per-LA
  sub-folders, or, when no folder is given, the embedded demo extract seeds/demo), the extract
  is read in place and registered, before any model runs (on-run-start), as the same relations
  in schema `extract`. The staging base models read them as source('ssd', <table>) and never
  ask where they came from. The registration must produce, for any engine:

    extract.<table>        one per contract table (macros/ssd_contract.sql), columns
                           la_code      varchar  the LA: the sub-folder's 3-digit name in a
                                                 regional folder, else var la_code
                           source_file  varchar  the file as named in the folder given
                                                 (seeds/demo/<table>.csv for the demo)
                           record_number bigint  1-based data row in file order (header and
                                                 blank lines not counted)
                           then every contract column, as varchar (null when the file lacks
                           an optional column); no rows when the table's file is absent
    extract.extract_files  la_code, table_name, file_path (null when absent), is_present:
                           one row per LA and contract table, for reconciliation and the
                           run summary

  and register_la_reference (macros/register_la_reference.sql) the LA's reference views.
  Another engine implements <adapter>__validate_extract and <adapter>__register_extract (and
  <adapter>__register_la_reference) to read the same folder its own way.

  Why views made here rather than a source `external_location`: the contract needs things an
  external_location string cannot say: file names matched in any case, a regional folder of
  per-LA sub-folders, an absent file read as an empty table (and reported), and headers matched
  in any case with a missing required column named before anything runs.

  Every file is checked first (validate_extract, macros/extract_csv.sql): a folder without any
  table file, or any file that cannot be read as the contract's CSV, stops the run with one
  message that names every bad file, the line and what is wrong, and never a value from the
  file. The checks alone run as an operation, which the tests call directly:

    dbt run-operation validate_extract --args '{extract_dir: DIR}' [--vars '{la_code: "208"}']
-#}
{% macro register_extract() %}
  {%- if execute -%}
    {{- adapter.dispatch('register_extract')(ssd_extract_folder()) -}}
  {%- endif -%}
{% endmacro %}

{#- Checks the extract folder (default: var extract_dir, else the demo) and returns what
    register_extract needs; a problem stops the run (or the operation) with the run's message. -#}
{% macro validate_extract(extract_dir=none) %}
  {%- set folder = ssd_extract_folder(extract_dir) -%}
  {%- set checked = adapter.dispatch('validate_extract')(folder) -%}
  {{- log("Extract " ~ folder['label'] ~ ": every file can be read (" ~ checked['present'] | length
         ~ " of " ~ checked['table_files'] | length ~ " table files found)", info=true) -}}
  {{ return(checked) }}
{% endmacro %}

{#- The folder to read: {path: where the files are, label: how source_file names them}. The
    demo extract is read from the project's seeds/demo and named seeds/demo/<table>.csv, as
    dbt names a seed's file, from whichever folder dbt was started. -#}
{% macro ssd_extract_folder(extract_dir=none) %}
  {%- set given = extract_dir if extract_dir is not none else var('extract_dir', none) -%}
  {%- if given is none -%}
    {{ return({'path': _project_dir() ~ '/seeds/demo', 'label': 'seeds/demo'}) }}
  {%- endif -%}
  {%- set root = given | string | replace("\\", "/") -%}
  {%- set root = root[:-1] if root.endswith('/') else root -%}
  {{ return({'path': root, 'label': root}) }}
{% endmacro %}

{#- The project's folder: dbt knows it for its seeds (root_path), whatever the working folder. -#}
{% macro _project_dir() %}
  {%- for node in graph.nodes.values() if node.resource_type == 'seed' and node.package_name == project_name and node.root_path -%}
    {{ return(node.root_path | replace("\\", "/")) }}
  {%- endfor -%}
  {{ return(env_var('DBT_PROJECT_DIR', '.')) }}
{% endmacro %}

{% macro duckdb__validate_extract(folder) %}
  {%- set root = folder['path'] -%}
  {%- set tables = ssd_tables() -%}
  {%- set files = _extract_listing(root) -%}
  {%- set las = _extract_las(root, files) -%}
  {%- set table_files = _extract_table_files(files, las, tables) -%}
  {%- for f in table_files if f['path'] -%}
    {%- do f.update({'label': folder['label'] ~ f['path'][root | length:]}) -%}
  {%- endfor -%}
  {%- set present = [] -%}
  {%- for f in table_files if f['path'] -%}{%- do present.append(f) -%}{%- endfor -%}
  {%- if present | length == 0 -%}
    {{ exceptions.raise_compiler_error(_extract_no_table_file_message(root, files, tables)) }}
  {%- endif -%}
  {%- set selects = _extract_checked_selects(root, present, tables) -%}
  {{ return({'las': las, 'table_files': table_files, 'present': present, 'selects': selects}) }}
{% endmacro %}

{% macro duckdb__register_extract(folder) %}
  {%- set checked = adapter.dispatch('validate_extract')(folder) -%}
  {%- do run_query("create schema if not exists extract") -%}
  {%- do _extract_table_views(checked) -%}
  {%- do _extract_files_table(checked['table_files']) -%}
  {{- _log_extract(folder, checked) -}}
{% endmacro %}

{#- One view per SSD table over the checked files (union all), every engine: extract.<table>,
    or a typed empty view when no LA sent the table. `checked` is validate_extract's result. -#}
{% macro _extract_table_views(checked) %}
  {%- set text = dbt.type_string() -%}
  {%- for table, spec in ssd_tables().items() -%}
    {%- set parts = [] -%}
    {%- for f in checked['present'] if f['table'] == table -%}{%- do parts.append(checked['selects'][f['path']]) -%}{%- endfor -%}
    {%- if parts | length == 0 -%}
      {%- set body -%}
        select cast(null as {{ text }}) as la_code, cast(null as {{ text }}) as source_file,
               cast(null as bigint) as record_number
          {%- for c in spec['columns'] %}, cast(null as {{ text }}) as {{ c['name'] }}{% endfor %}
        where false
      {%- endset -%}
    {%- else -%}
      {%- set body = parts | join('\nunion all\n') -%}
    {%- endif -%}
    {%- do run_query("create or replace view extract." ~ table ~ " as\n" ~ body) -%}
  {%- endfor -%}
{% endmacro %}

{% macro _log_extract(folder, checked) %}
  {{- log("Extract " ~ folder['label'] ~ ": " ~ (checked['las']['codes'] | length) ~ " LA(s) " ~ checked['las']['codes'] | join(', ')
         ~ ", " ~ checked['present'] | length ~ " of " ~ checked['table_files'] | length ~ " table files found", info=true) -}}
{% endmacro %}

{#- Every file one or two levels down; names are matched case-insensitively later. -#}
{% macro _extract_listing(root) %}
  {%- set root_sql = root | replace("'", "''") -%}
  {%- set listing = run_query(
      "select file from glob('" ~ root_sql ~ "/*') union all select file from glob('" ~ root_sql ~ "/*/*') order by 1") -%}
  {{ return(listing.columns[0].values() | list) }}
{% endmacro %}

{#- {codes, folders}: a regional folder has 3-digit sub-folders holding ssd_*.csv (or .parquet)
    files, named by the LA codes; otherwise the folder is one LA, coded by the var la_code. -#}
{% macro _extract_las(root, files) %}
  {%- set folders = {} -%}
  {%- for f in files -%}
    {%- set parts = f[root | length + 1:].split('/') -%}
    {%- if parts | length == 2 and parts[0] | length == 3 and parts[0].isdigit() and _extract_is_table_file(parts[1]) -%}
      {%- do folders.update({parts[0]: root ~ '/' ~ parts[0]}) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- if folders | length == 0 -%}
    {%- do folders.update({var('la_code') | string: root}) -%}
  {%- endif -%}
  {{ return({'codes': folders.keys() | list | sort, 'folders': folders}) }}
{% endmacro %}

{% macro _extract_is_table_file(name) %}
  {%- set n = name.lower() -%}
  {{ return(n.startswith('ssd_') and (n.endswith('.csv') or n.endswith('.parquet'))) }}
{% endmacro %}

{#- One entry per LA and contract table: {la, table, path}; path is none when the file is absent. -#}
{% macro _extract_table_files(files, las, tables) %}
  {%- set out = [] -%}
  {%- for la in las['codes'] -%}
    {%- set folder = las['folders'][la] -%}
    {%- for table in tables -%}
      {%- set matches = [] -%}
      {%- for f in files if f.rsplit('/', 1)[0] == folder
            and f.rsplit('/', 1)[1].lower() in (table ~ '.csv', table ~ '.parquet') -%}
        {%- do matches.append(f) -%}
      {%- endfor -%}
      {%- if matches | length > 1 -%}
        {{ exceptions.raise_compiler_error("Extract folder " ~ folder ~ " holds more than one file for " ~ table ~ ": " ~ matches | join(', ')) }}
      {%- endif -%}
      {%- do out.append({'la': la, 'table': table, 'path': matches[0] if matches else none}) -%}
    {%- endfor -%}
  {%- endfor -%}
  {{ return(out) }}
{% endmacro %}

{#- The message when no table file was found: the folder is wrong, empty or misnamed. -#}
{% macro _extract_no_table_file_message(root, files, tables) %}
  {%- set expected = [] -%}
  {%- for table in tables -%}{%- do expected.append(table ~ '.csv') -%}{%- endfor -%}
  {{ return("Extract folder " ~ root ~ (" does not exist or is empty." if files | length == 0 else " holds no SSD table file.")
      ~ " Expected one file per SSD table, named " ~ expected | join(', ')
      ~ " (or .parquet instead of .csv; names in any case), either in the folder itself or, for a"
      ~ " regional extract, in one sub-folder per LA named by its 3-digit code (such as "
      ~ root ~ "/208/ssd_person.csv). Check the folder given as --extract (var extract_dir).") }}
{% endmacro %}

{#- Checks every present file and returns path -> its select (see the view layout above). Any
    problem in any file stops the run here, all of them named at once. -#}
{% macro _extract_checked_selects(root, present, tables) %}
  {%- set csv_paths = [] -%}
  {%- for f in present if not f['path'].lower().endswith('.parquet') -%}{%- do csv_paths.append(f['path']) -%}{%- endfor -%}
  {%- set survey = extract_csv_survey(csv_paths) -%}
  {%- set problems = {} -%}
  {%- set selects = {} -%}
  {%- set body_checks = [] -%}
  {%- for f in present -%}
    {%- set spec = tables[f['table']] -%}
    {%- if f['path'].lower().endswith('.parquet') -%}
      {%- set select_or_problem = _extract_parquet_select(f['path'], f['label'], f['la'], f['table'], spec) -%}
    {%- else -%}
      {%- set file = survey[f['path']] -%}
      {%- set problem = extract_csv_file_problem(f['path'], file) -%}
      {%- if problem is none -%}
        {%- set names = extract_csv_header_names(file['header']) -%}
        {%- set problem = _extract_header_problem(f['path'], names, spec) -%}
      {%- endif -%}
      {%- if problem is none -%}
        {%- set col_names = _extract_csv_column_names(names, spec) -%}
        {%- do body_checks.append({'path': f['path'], 'col_names': col_names, 'line_ends': file['line_ends']}) -%}
        {%- set select_or_problem = [_extract_csv_select(f['path'], f['label'], f['la'], spec, names, col_names, file['line_ends']), none] -%}
      {%- else -%}
        {%- set select_or_problem = [none, problem] -%}
      {%- endif -%}
    {%- endif -%}
    {%- if select_or_problem[1] -%}
      {%- do problems.update({f['path']: select_or_problem[1]}) -%}
    {%- else -%}
      {%- do selects.update({f['path']: select_or_problem[0]}) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- do problems.update(extract_csv_body_problems(body_checks)) -%}
  {%- if problems -%}
    {%- set lines = [] -%}
    {%- for f in present if f['path'] in problems -%}{%- do lines.append("  - " ~ problems[f['path']]) -%}{%- endfor -%}
    {{ exceptions.raise_compiler_error("The extract in " ~ root ~ " cannot be read, so nothing was built. "
        ~ (lines | length) ~ (" file needs" if lines | length == 1 else " files need") ~ " fixing (lines are counted from 1, the header):\n"
        ~ lines | join('\n')) }}
  {%- endif -%}
  {{ return(selects) }}
{% endmacro %}

{#- What is wrong with a CSV header for the contract, or none: a column we read named twice
    (which copy would be meant?), required columns missing. -#}
{% macro _extract_header_problem(path, names, spec) %}
  {%- set contract_names = [] -%}
  {%- for c in spec['columns'] -%}{%- do contract_names.append(c['name']) -%}{%- endfor -%}
  {%- for n in contract_names if names.count(n) > 1 -%}
    {%- set positions = [] -%}
    {%- for m in names -%}{%- if m == n -%}{%- do positions.append(loop.index | string) -%}{%- endif -%}{%- endfor -%}
    {{ return(path ~ ", line 1: the header names column " ~ n ~ " " ~ positions | length ~ " times (columns "
        ~ positions | join(' and ') ~ "), so it is not clear which one to read. Remove or rename the extra copy.") }}
  {%- endfor -%}
  {%- set missing = [] -%}
  {%- for c in spec['columns'] if c.get('required') and c['name'] not in names -%}{%- do missing.append(c['name']) -%}{%- endfor -%}
  {%- if missing -%}
    {%- set known = [] -%}
    {%- for n in names if n in contract_names -%}{%- do known.append(n) -%}{%- endfor -%}
    {{ return(path ~ ", line 1: required column" ~ ("s " if missing | length > 1 else " ") ~ missing | join(', ')
        ~ (" are" if missing | length > 1 else " is") ~ " missing from the header"
        ~ (" (the line names none of the table's columns: is it the header row?)." if not known else ".")) }}
  {%- endif -%}
  {{ return(none) }}
{% endmacro %}

{#- The names given to the reader: a contract column by its name; any other column positionally,
    so that its name (whatever the file holds) never appears in SQL and its values are never used. -#}
{% macro _extract_csv_column_names(names, spec) %}
  {%- set contract_names = [] -%}
  {%- for c in spec['columns'] -%}{%- do contract_names.append(c['name']) -%}{%- endfor -%}
  {%- set col_names = [] -%}
  {%- for n in names -%}
    {%- do col_names.append(n if n in contract_names else '_unused_' ~ loop.index) -%}
  {%- endfor -%}
  {{ return(col_names) }}
{% endmacro %}

{#- One checked CSV file as a select of the contract's columns. -#}
{% macro _extract_csv_select(path, label, la, spec, names, col_names, line_ends) %}
  {#- DuckDB skips blank lines, except in a file of one column, where a blank line is a row with
      one null value: dropped here, and the rows numbered after that. -#}
  {%- set one_column = col_names | length == 1 -%}
  {%- set sql -%}
    select '{{ la }}' as la_code, '{{ label | replace("'", "''") }}' as source_file,
      {% if one_column %}cast(row_number() over (order by ordinality) as bigint){% else %}cast(ordinality as bigint){% endif %} as record_number
      {%- for c in spec['columns'] %},
      {% if c['name'] in names %}{{ c['name'] }}{% else %}cast(null as varchar) as {{ c['name'] }}{% endif %}
      {%- endfor %}
    from {{ extract_csv_reader(path, col_names, line_ends) }}
         with ordinality
    {% if one_column %}where "{{ col_names[0] }}" is not null{% endif %}
  {%- endset -%}
  {{ return(sql) }}
{% endmacro %}

{#- One Parquet file (the generator's --format parquet, or an LA's own export) as [select,
    problem]: column names matched in any case, every value cast to text so that staging parses
    both formats alike, record_number from the file's row order. Parquet needs no whole-file
    pre-read: it is structured, and a corrupt file fails on its footer here. -#}
{% macro _extract_parquet_select(path, label, la, table, spec) %}
  {%- set quoted = path | replace("'", "''") -%}
  {%- set described = run_query("describe select * from read_parquet('" ~ quoted ~ "')") -%}
  {%- set originals = {} -%}
  {%- for name in described.columns[0].values() -%}
    {%- set clean = name | trim | lower -%}
    {%- if clean in originals -%}
      {{ return([none, path ~ ": column " ~ clean ~ " appears more than once."]) }}
    {%- endif -%}
    {%- do originals.update({clean: name}) -%}
  {%- endfor -%}
  {%- for c in spec['columns'] if c.get('required') and c['name'] not in originals -%}
    {{ return([none, path ~ ": required column " ~ c['name'] ~ " is missing."]) }}
  {%- endfor -%}
  {%- set sql -%}
    select '{{ la }}' as la_code, '{{ label | replace("'", "''") }}' as source_file,
      cast(file_row_number + 1 as bigint) as record_number
      {%- for c in spec['columns'] %},
      {% if c['name'] in originals %}cast("{{ originals[c['name']] | replace('"', '""') }}" as varchar){% else %}cast(null as varchar){% endif %} as {{ c['name'] }}
      {%- endfor %}
    from read_parquet('{{ quoted }}', file_row_number=true)
  {%- endset -%}
  {{ return([sql, none]) }}
{% endmacro %}

{#- extract.extract_files: which table files were found, per LA (for the run summary). -#}
{% macro _extract_files_table(table_files) %}
  {%- set rows = [] -%}
  {%- for f in table_files -%}
    {%- do rows.append("('" ~ f['la'] ~ "', '" ~ f['table'] ~ "', "
          ~ ("'" ~ f['label'] | replace("'", "''") ~ "'" if f['path'] else "null") ~ ", " ~ ('true' if f['path'] else 'false') ~ ")") -%}
  {%- endfor -%}
  {%- do run_query("create or replace table extract.extract_files as select "
        ~ "cast(la_code as varchar) as la_code, cast(table_name as varchar) as table_name, "
        ~ "cast(file_path as varchar) as file_path, cast(is_present as boolean) as is_present "
        ~ "from (values " ~ rows | join(', ') ~ ") as t(la_code, table_name, file_path, is_present)") -%}
{% endmacro %}
