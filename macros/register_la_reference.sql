{#-
  The LA's own reference data beside an extract (docs/extract-format.md, "The LA's own
  reference files"): in a folder `reference/` (per LA folder in a regional run),
  population_0_17.csv, kpi_targets.csv, kpi_benchmarks.csv and commentary.csv. Runs in
  on-run-start after register_extract, checks every row and registers one view per file kind
  in schema `extract` (source `la_reference`), empty when no LA supplied that kind. The
  int_reference__* models let these rows replace the shipped seeds' rows with the same key.

  A file that is not well-formed CSV stops the run as an extract file does (macros/extract_csv.sql:
  file and line, never its rows). A bad row stops the run naming the file, line and column: a
  missing key, a number that does not parse, or a la_code other than the folder's LA (these are
  aggregate figures, so the message quotes the value). A blank value outside the keys is
  accepted: `csc reference init` writes templates whose values are blank until filled in.
-#}
{% macro la_reference_files() %}
{{ return({
  'population_0_17': {'keys': ['la_code', 'year'], 'numbers': ['year', 'population'], 'texts': [],
                      'types': {'la_code': 'varchar', 'year': 'integer', 'population': 'bigint'}},
  'kpi_targets': {'keys': ['la_code', 'kpi_id', 'financial_year'], 'numbers': ['target_value', 'target_count'], 'texts': [],
                  'types': {'la_code': 'varchar', 'kpi_id': 'varchar', 'financial_year': 'varchar', 'target_value': 'double', 'target_count': 'double'}},
  'kpi_benchmarks': {'keys': ['la_code', 'kpi_id', 'comparator', 'period'], 'numbers': ['value'], 'texts': [],
                     'types': {'la_code': 'varchar', 'kpi_id': 'varchar', 'comparator': 'varchar', 'period': 'varchar', 'value': 'double'}},
  'commentary': {'keys': ['la_code', 'kpi_id', 'month'], 'numbers': [], 'texts': ['commentary'],
                 'types': {'la_code': 'varchar', 'kpi_id': 'varchar', 'month': 'varchar', 'commentary': 'varchar'}},
}) }}
{% endmacro %}

{% macro register_la_reference() %}
  {%- if execute -%}
    {{- adapter.dispatch('register_la_reference')(ssd_extract_folder()) -}}
  {%- endif -%}
{% endmacro %}

{#- folder: as register_extract's (macros/register_extract.sql), whose extract.extract_files
    names the LAs; the demo has no reference/ folder, so its views are empty. -#}
{% macro duckdb__register_la_reference(folder) %}
  {%- set root = folder['path'] -%}
  {%- set label = folder['label'] -%}
  {%- set kinds = la_reference_files() -%}
  {#- The LAs register_extract found; a regional LA's folder is root/<la>. -#}
  {%- set las = run_query("select la_code, bool_or(starts_with(file_path, '" ~ label | replace("'", "''") ~ "/' || la_code || '/')) as regional from extract.extract_files group by la_code order by la_code") -%}
  {%- set selects = {} -%}
  {%- for kind in kinds -%}{%- do selects.update({kind: []}) -%}{%- endfor -%}

  {#- The files present, per LA and kind. -#}
  {%- set found = [] -%}
  {%- for la_row in las.rows -%}
    {%- set la = la_row[0] -%}
    {%- set folder = (root ~ '/' ~ la ~ '/reference') if la_row[1] else (root ~ '/reference') -%}
    {%- set listing = run_query("select file from glob('" ~ folder | replace("'", "''") ~ "/*')") -%}
    {%- for kind in kinds -%}
      {%- for f in listing.columns[0].values() if f.rsplit('/', 1)[1].lower() == kind ~ '.csv' -%}
        {%- if loop.first -%}{%- do found.append({'la': la, 'kind': kind, 'path': f}) -%}{%- endif -%}
      {%- endfor -%}
    {%- endfor -%}
  {%- endfor -%}

  {#- Each file read as the extract's files are (macros/extract_csv.sql): a file that is not
      well-formed CSV stops the run naming the file and line, never showing its rows. -#}
  {%- set paths = [] -%}
  {%- for f in found -%}{%- do paths.append(f['path']) -%}{%- endfor -%}
  {%- set survey = extract_csv_survey(paths) -%}
  {%- set problems = [] -%}
  {%- set readable = [] -%}
  {%- for f in found -%}
    {%- set spec = kinds[f['kind']] -%}
    {%- set file = survey[f['path']] -%}
    {%- set file_problems = [] -%}
    {%- set problem = extract_csv_file_problem(f['path'], file) -%}
    {%- if problem -%}
      {%- do file_problems.append(problem) -%}
    {%- else -%}
      {%- set names = extract_csv_header_names(file['header']) -%}
      {%- for c in spec['types'] if names.count(c) > 1 -%}
        {%- do file_problems.append(f['path'] ~ ", line 1: the header names column " ~ c ~ " more than once.") -%}
      {%- endfor -%}
      {%- for c in spec['types'] if c not in names and c not in spec['texts'] and c != 'target_count' -%}
        {%- do file_problems.append("LA reference file " ~ f['path'] ~ ": required column " ~ c ~ " is missing from the header.") -%}
      {%- endfor -%}
    {%- endif -%}
    {%- if file_problems -%}
      {%- do problems.append(file_problems[0]) -%}
    {%- else -%}
      {%- set col_names = [] -%}
      {%- for n in names -%}{%- do col_names.append(n if n in spec['types'] else '_unused_' ~ loop.index) -%}{%- endfor -%}
      {%- do readable.append({'la': f['la'], 'kind': f['kind'], 'path': f['path'], 'names': names,
                              'col_names': col_names, 'line_ends': file['line_ends']}) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- set body_problems = extract_csv_body_problems(readable) -%}
  {%- for f in readable if f['path'] in body_problems -%}{%- do problems.append(body_problems[f['path']]) -%}{%- endfor -%}
  {%- if problems -%}
    {{ exceptions.raise_compiler_error("An LA reference file cannot be read, so nothing was built:\n  - " ~ problems | join('\n  - ')) }}
  {%- endif -%}

  {%- for f in readable -%}
    {%- set la = f['la'] -%}
    {%- set spec = kinds[f['kind']] -%}
    {%- set present = [] -%}
    {%- for c in spec['types'] if c in f['names'] -%}{%- do present.append(c) -%}{%- endfor -%}
    {%- set read -%}
      select cast(ordinality + 1 as bigint) as line_number{% for c in present %}, {{ c }}{% endfor %}
      from {{ extract_csv_reader(f['path'], f['col_names'], f['line_ends']) }} with ordinality
    {%- endset -%}
    {%- do selects[f['kind']].append(_la_reference_rows(read, spec, present, la, f['path'])) -%}
  {%- endfor -%}

  {%- do _la_reference_views(kinds, selects) -%}
{% endmacro %}

{#- Every engine: stop at the first bad value of one LA reference file, in file order and column
    by column (a missing key, a number that is not one, another LA's code), naming the file, line
    and column; otherwise the select that types its rows. `read` gives line_number and the
    `present` columns as text. -#}
{% macro _la_reference_rows(read, spec, present, la, path) %}
  {%- set checks = [] -%}
  {%- for c in spec['keys'] -%}
    {%- do checks.append("select line_number, '" ~ c ~ "' as column_name, " ~ c ~ " as value, 'is missing' as problem from raw where nullif(trim(" ~ c ~ "), '') is null") -%}
  {%- endfor -%}
  {%- for c in spec['numbers'] if c in present -%}
    {%- do checks.append("select line_number, '" ~ c ~ "', " ~ c ~ ", 'is not a number' from raw where nullif(trim(" ~ c ~ "), '') is not null and try_cast(trim(" ~ c ~ ") as double) is null") -%}
  {%- endfor -%}
  {%- do checks.append("select line_number, 'la_code', la_code, '" ~ escape_single_quotes("is not the folder's LA " ~ la) ~ "' from raw where trim(la_code) <> '" ~ la ~ "'") -%}
  {%- set bad = run_query("with raw as (" ~ read ~ ") select * from (" ~ checks | join(' union all ') ~ ") as problems order by line_number limit 1") -%}
  {%- if bad.rows | length > 0 -%}
    {%- set b = bad.rows[0] -%}
    {{ exceptions.raise_compiler_error("LA reference file " ~ path ~ " line " ~ b[0] ~ ", column " ~ b[1] ~ ": value '" ~ (b[2] if b[2] is not none else '') ~ "' " ~ b[3] ~ ".") }}
  {%- endif -%}
  {%- set select_list = [] -%}
  {%- for c, t in spec['types'].items() -%}
    {%- set t = dbt.type_string() if t == 'varchar' else t -%}
    {%- if c in present -%}
      {%- do select_list.append("cast(nullif(trim(" ~ c ~ "), '') as " ~ t ~ ") as " ~ c) -%}
    {%- else -%}
      {%- do select_list.append("cast(null as " ~ t ~ ") as " ~ c) -%}
    {%- endif -%}
  {%- endfor -%}
  {{ return("select " ~ select_list | join(', ') ~ " from (" ~ read ~ ") as raw") }}
{% endmacro %}

{#- Every engine: one view extract.la_<kind> per reference kind over the LA files' typed selects,
    or a typed empty view when no LA sent that kind. -#}
{% macro _la_reference_views(kinds, selects) %}
  {%- for kind, spec in kinds.items() -%}
    {%- if selects[kind] -%}
      {%- set body = selects[kind] | join('\nunion all\n') -%}
    {%- else -%}
      {%- set nulls = [] -%}
      {%- for c, t in spec['types'].items() -%}{%- do nulls.append("cast(null as " ~ (dbt.type_string() if t == 'varchar' else t) ~ ") as " ~ c) -%}{%- endfor -%}
      {%- set body = "select " ~ nulls | join(', ') ~ " where false" -%}
    {%- endif -%}
    {%- do run_query("create or replace view extract.la_" ~ kind ~ " as\n" ~ body) -%}
  {%- endfor -%}
{% endmacro %}
