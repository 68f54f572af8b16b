{#-
  How an extract CSV file is read and checked (DuckDB), for register_extract and
  register_la_reference.

  The rule that shapes these macros: a file's rows are child-level records, so no check may ever
  let DuckDB raise an error about a file. DuckDB's CSV errors echo the offending line and the
  rows after it, and dbt copies an error into the terminal, logs/dbt.log and target/. So every
  query here is one that cannot fail on a file's content (a byte read, a decode wrapped in try,
  a CSV read that stores its rejects instead of raising), and every message is built here from
  line numbers, counts and column names only.

    extract_csv_survey(paths)        one read of each file's bytes: size, UTF-8 or not, the
                                     header line, the line ends (lf, crlf or mixed)
    extract_csv_reader(path, ...)    the read_csv call every view and check uses
    extract_csv_body_problems(files) each file whose rows are not well-formed CSV, with the line
                                     and what is wrong
-#}

{#- The read_csv call for one file, its columns given (all text, named by the caller).
    DuckDB's strict mode refuses a file whose lines end some in CRLF and some in LF ("state
    machine reached an invalid state"), which the contract allows, so such a file is read in
    non-strict mode; it has been checked by extract_csv_body_problems first, and for a
    well-formed file both modes give the same rows. -#}
{% macro extract_csv_reader(path, col_names, line_ends, rejects=false) %}
  {%- set col_defs = [] -%}
  {%- for n in col_names -%}{%- do col_defs.append("'" ~ n ~ "': 'VARCHAR'") -%}{%- endfor -%}
  {{- return("read_csv('" ~ path | replace("'", "''") ~ "', header=true, auto_detect=false, columns={"
      ~ col_defs | join(', ') ~ "}, delim=',', quote='\"', escape='\"', strict_mode="
      ~ ('false' if line_ends == 'mixed' else 'true') ~ ", null_padding=false, encoding='utf-8'"
      ~ (", store_rejects=true, rejects_table='extract_csv_rejects', rejects_scan='extract_csv_reject_scans'" if rejects else '')
      ~ ")") -}}
{% endmacro %}

{#- One read of every file's bytes (files read in parallel): path -> {size, is_utf8, header
    (the first line, byte-order mark dropped; none when the file is not UTF-8), line_ends}.
    The UTF-8 check covers every byte, so the CSV reads that follow need not touch every
    column to find a stray Latin-1 byte. -#}
{% macro extract_csv_survey(paths) %}
  {%- set out = {} -%}
  {%- if paths | length == 0 -%}{{ return(out) }}{%- endif -%}
  {%- set quoted = [] -%}
  {%- for p in paths -%}{%- do quoted.append("'" ~ p | replace("'", "''") ~ "'") -%}{%- endfor -%}
  {%- set sql -%}
    with files as (
        select filename, size, try(decode(content)) as text
        from read_blob([{{ quoted | join(', ') }}])
    )
    select
        filename,
        size,
        text is not null as is_utf8,
        regexp_extract(text, '^\x{FEFF}?([^\r\n]*)', 1) as header,
        -- mixed: a CR or an LF left over once the text is split at every CRLF (this is several
        -- times faster than a regular expression over the whole text)
        case
            when text is null then null
            when not contains(text, chr(13)) then 'lf'
            when list_bool_or(list_transform(string_split(text, chr(13) || chr(10)),
                                             piece -> contains(piece, chr(10)) or contains(piece, chr(13)))) then 'mixed'
            else 'crlf'
        end as line_ends
    from files
  {%- endset -%}
  {%- for row in run_query(sql).rows -%}
    {%- do out.update({row[0]: {'size': row[1], 'is_utf8': row[2], 'header': row[3], 'line_ends': row[4]}}) -%}
  {%- endfor -%}
  {{ return(out) }}
{% endmacro %}

{#- The header line split into names: trimmed, lower-cased, surrounding double quotes dropped. -#}
{% macro extract_csv_header_names(header) %}
  {%- set names = [] -%}
  {%- for raw_name in header.split(',') -%}
    {%- set n = raw_name | trim -%}
    {%- if n.startswith('"') and n.endswith('"') and n | length >= 2 -%}{%- set n = n[1:-1] | replace('""', '"') | trim -%}{%- endif -%}
    {%- do names.append(n | lower) -%}
  {%- endfor -%}
  {{ return(names) }}
{% endmacro %}

{#- The problem with a file as a whole, before its rows are read: empty, not UTF-8 (with the
    first line that is not), no header. None when there is none. -#}
{% macro extract_csv_file_problem(path, survey) %}
  {%- if survey['size'] == 0 -%}
    {{ return(path ~ ": the file is empty (0 bytes); it needs at least a header row.") }}
  {%- elif not survey['is_utf8'] -%}
    {%- set line = _extract_csv_first_non_utf8_line(path) -%}
    {{ return(path ~ (", line " ~ line if line else "") ~ ": the file is not UTF-8 encoded"
        ~ " (a character saved in another encoding, such as Latin-1 or Windows-1252); save it as UTF-8.") }}
  {%- elif (survey['header'] or '') | trim == '' -%}
    {{ return(path ~ ", line 1: the line is blank; the first line must be the header row with the column names.") }}
  {%- endif -%}
  {{ return(none) }}
{% endmacro %}

{#- The first line with bytes that are not UTF-8: every line read as one text value (no quoting,
    so the reader counts lines as an editor does), the bad ones stored as rejects. -#}
{% macro _extract_csv_first_non_utf8_line(path) %}
  {%- do run_query("drop table if exists extract_csv_rejects; drop table if exists extract_csv_reject_scans") -%}
  {%- do run_query("select count(line) from read_csv('" ~ path | replace("'", "''") ~ "', header=false, auto_detect=false, "
        ~ "columns={'line': 'VARCHAR'}, delim='\x01', quote='', escape='', strict_mode=false, encoding='utf-8', "
        ~ "store_rejects=true, rejects_table='extract_csv_rejects', rejects_scan='extract_csv_reject_scans')") -%}
  {%- set first = run_query("select min(line) from extract_csv_rejects where error_type = 'INVALID ENCODING'") -%}
  {%- do run_query("drop table if exists extract_csv_rejects; drop table if exists extract_csv_reject_scans") -%}
  {{ return(first.rows[0][0]) }}
{% endmacro %}

{#- The rows of every file checked; returns path -> message for each file that is not
    well-formed. files: a list of {path, col_names, line_ends}.

    Files with one kind of line end are read by DuckDB in strict mode, with rejects stored rather
    than raised (one query per batch, files read in parallel); only count(*) is asked for, which
    still makes the reader split every line into its fields. DuckDB cannot read a file with mixed
    line ends strictly, so those files are checked by extract_csv_diagnosis alone. A file that
    fails is then described by extract_csv_diagnosis, which counts lines as an editor does (DuckDB
    does not count the line breaks inside quoted values). -#}
{% macro extract_csv_body_problems(files) %}
  {%- set problems = {} -%}
  {%- set strict_reads = [] -%}
  {%- set to_diagnose = [] -%}
  {%- for f in files -%}
    {%- if f['line_ends'] == 'mixed' -%}
      {%- do to_diagnose.append(f) -%}
    {%- else -%}
      {%- do strict_reads.append("select count(*) from " ~ extract_csv_reader(f['path'], f['col_names'], f['line_ends'], rejects=true)) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- set rejected = {} -%}
  {%- if strict_reads -%}
    {%- do run_query("drop table if exists extract_csv_rejects; drop table if exists extract_csv_reject_scans") -%}
    {%- for batch in strict_reads | batch(50) -%}
      {%- do run_query(batch | join('\nunion all\n')) -%}
    {%- endfor -%}
    {#- the first reject of each file: its line as DuckDB counts it and the kind of error -#}
    {%- set firsts = run_query("select s.file_path, min(e.line), arg_min(e.error_type, e.line) "
          ~ "from extract_csv_rejects as e join extract_csv_reject_scans as s using (scan_id, file_id) group by 1") -%}
    {%- do run_query("drop table if exists extract_csv_rejects; drop table if exists extract_csv_reject_scans") -%}
    {%- for row in firsts.rows -%}{%- do rejected.update({row[0]: [row[1], row[2]]}) -%}{%- endfor -%}
  {%- endif -%}
  {#- Each diagnosis reads its file as text (about a second per 100 MB), so when many files fail
      the ones after the first 20 are described in the reader's words. -#}
  {%- for f in files if f['path'] in rejected -%}
    {%- if to_diagnose | length < 20 -%}
      {%- do to_diagnose.append(f) -%}
    {%- else -%}
      {%- do problems.update({f['path']: _extract_csv_reader_message(f['path'], rejected[f['path']])}) -%}
    {%- endif -%}
  {%- endfor -%}
  {%- for f in to_diagnose -%}
    {%- set message = extract_csv_diagnosis(f['path'], f['col_names'] | length, rejected.get(f['path'])) -%}
    {%- if message -%}{%- do problems.update({f['path']: message}) -%}{%- endif -%}
  {%- endfor -%}
  {{ return(problems) }}
{% endmacro %}

{#- Regular expressions (RE2) for CSV as DuckDB's strict reader accepts it: a field is quoted
    (spaces allowed around the quotes, a quote inside written twice) or unquoted (no comma or
    line break; a double quote only after its first character); a record is the header's number
    of fields, plus any number of empty trailing fields, which DuckDB drops. -#}
{% macro _extract_csv_patterns(n_fields) %}
  {%- set field = '(?: *"(?:[^"]|"")*" *| *[^ ",\\r\\n][^,\\r\\n]*| *)' -%}
  {%- set line_end = '(?:\\r\\n|\\n|\\r)' -%}
  {%- set record = field ~ '(?:,' ~ field ~ '){' ~ (n_fields - 1) ~ '}(?:,(?:"")?)*' -%}
  {{ return({
    'line_ends': '^' ~ line_end ~ '*',
    'good_records': '^\\x{FEFF}?(?:' ~ line_end ~ '*' ~ record ~ '(?:' ~ line_end ~ '|$))*',
    'fields_then_comma': '^(?:' ~ field ~ ',)*',
    'field_then_comma': field ~ ',',
    'last_field': '^' ~ field ~ '(?:\\r|\\n|$)',
    'quoted': '^ *"(?:[^"]|"")*"',
  }) }}
{% endmacro %}

{#- What is wrong with one file's rows, in words, or none when nothing is. The file is read as
    text: the longest run of well-formed records from its start, then the record after it, whose
    fields are counted and whose quoting is looked at. Only line numbers, counts and the kind of
    problem leave the query. reader_reject: [line, error type] from DuckDB's strict read, used
    when the text shows nothing wrong (a line over DuckDB's size limit, say). -#}
{% macro extract_csv_diagnosis(path, n_fields, reader_reject=none) %}
  {%- set p = _extract_csv_patterns(n_fields) -%}
  {%- set sql -%}
    with source as (
        select decode(content) as text from read_blob('{{ path | replace("'", "''") }}')
    ),
    good as (
        select text, regexp_extract(text, '{{ p['good_records'] }}') as good_records from source
    ),
    rest as (
        select good_records, substr(text, length(good_records) + 1) as rest from good
    ),
    bad_record as (
        -- blank lines, then the first record that is not well-formed
        select good_records || regexp_extract(rest, '{{ p['line_ends'] }}') as before_record,
               substr(rest, length(regexp_extract(rest, '{{ p['line_ends'] }}')) + 1) as record,
               regexp_full_match(rest, '{{ p['line_ends'] }}') as is_well_formed
        from rest
    ),
    fields as (
        -- its fields up to the one that is followed by neither a comma nor the end of the line
        select *, regexp_extract(record, '{{ p['fields_then_comma'] }}') as leading_fields
        from bad_record
    ),
    at_fault as (
        select *, substr(record, length(leading_fields) + 1) as from_fault from fields
    )
    select
        is_well_formed,
        case
            when regexp_matches(from_fault, '{{ p['last_field'] }}') then 'field_count'
            when regexp_matches(from_fault, '{{ p['quoted'] }}')
                 and not regexp_matches(regexp_extract(from_fault, '{{ p['quoted'] }}'), '[\r\n]') then 'text_after_quote'
            else 'open_quote'
        end as problem,
        1 + length(regexp_replace(regexp_replace(before_record, '\r\n', chr(10), 'g'), '[^\r\n]', '', 'g')) as record_line,
        1 + length(regexp_replace(regexp_replace(before_record || leading_fields, '\r\n', chr(10), 'g'), '[^\r\n]', '', 'g')) as fault_line,
        1 + len(regexp_extract_all(leading_fields, '{{ p['field_then_comma'] }}')) as fields_found
    from at_fault
  {%- endset -%}
  {%- set r = run_query(sql).rows[0] -%}
  {%- if r[0] and reader_reject is none -%}
    {{ return(none) }}
  {%- elif r[0] -%}
    {{ return(_extract_csv_reader_message(path, reader_reject)) }}
  {%- elif r[1] == 'field_count' and r[4] != n_fields -%}
    {{ return(path ~ ", line " ~ r[2] ~ ": " ~ r[4] ~ (" field" if r[4] == 1 else " fields") ~ " where the header has "
        ~ n_fields ~ (". A value that holds a comma must be in double quotes." if r[4] > n_fields else ".")) }}
  {%- elif r[1] == 'text_after_quote' -%}
    {{ return(path ~ ", line " ~ r[3] ~ ": a value in double quotes is followed by more text before the next comma;"
        ~ " a double quote inside a quoted value must be written twice (\"\").") }}
  {%- elif r[1] == 'open_quote' -%}
    {{ return(path ~ ", line " ~ r[3] ~ ": a value opens with a double quote that is never properly closed;"
        ~ " every quoted value needs a closing double quote followed by a comma or the end of the line.") }}
  {%- else -%}
    {{ return(path ~ ", line " ~ r[2] ~ ": the line is not well-formed CSV.") }}
  {%- endif -%}
{% endmacro %}

{#- A file's first reject from DuckDB's strict read, in words: the line as the reader counts
    it (line breaks inside quoted values not counted, hence "around"). -#}
{% macro _extract_csv_reader_message(path, reader_reject) %}
  {%- set words = {
      'TOO MANY COLUMNS': 'more fields than the header',
      'MISSING COLUMNS': 'fewer fields than the header',
      'UNQUOTED VALUE': 'a double quote that is not closed where the value ends',
      'LINE SIZE OVER MAXIMUM': 'it is longer than the reader allows, 2 MB',
      'INVALID ENCODING': 'bytes that are not UTF-8',
  } -%}
  {{ return(path ~ ", around line " ~ reader_reject[0] ~ ": the CSV reader cannot read this line ("
      ~ words.get(reader_reject[1], 'it is not well-formed CSV') ~ ").") }}
{% endmacro %}
