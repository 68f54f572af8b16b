{#-
  The run's input vars (la_code, extract_date, extract_start), checked before any of them
  reaches SQL. Why: they are written into SQL text as literals, so a stray quote or a date like
  2019-02-30 would otherwise break the build half-way (or change its meaning). Models read them
  through these macros, never through var() directly, and the first on-run-start hook checks
  them all, so plain `dbt build --vars ...` stops with one plain message before anything runs.
-#}

{#- The LA code of a single-LA folder and of the demo seeds: exactly three digits. -#}
{% macro checked_la_code() -%}
  {%- set value = var('la_code') | string -%}
  {%- if not modules.re.fullmatch('[0-9]{3}', value) -%}
    {{ exceptions.raise_compiler_error("var la_code must be a 3-digit LA code such as 208, not '" ~ value ~ "'.") }}
  {%- endif -%}
  {{- return(value) -}}
{%- endmacro %}

{#- A date var (extract_date, extract_start) as 'YYYY-MM-DD', or none when it is not set. A YAML
    date (extract_date: 2019-12-31 without quotes) is accepted as well as a string. -#}
{% macro checked_date_var(name) -%}
  {%- set raw = var(name, none) -%}
  {%- if raw is none or raw == '' -%}
    {{- return(none) -}}
  {%- endif -%}
  {%- set value = raw | string -%}
  {%- set parts = modules.re.fullmatch('([0-9]{4})-([0-9]{2})-([0-9]{2})', value) -%}
  {%- set ns = namespace(real=false) -%}
  {%- if parts -%}
    {%- set year = parts.group(1) | int -%}
    {%- set month = parts.group(2) | int -%}
    {%- set day = parts.group(3) | int -%}
    {%- if 1 <= year < 9999 and 1 <= month <= 12 and day >= 1 -%}
      {%- set next_month = modules.datetime.date(year + month // 12, month % 12 + 1, 1) -%}
      {%- set ns.real = day <= (next_month - modules.datetime.timedelta(days=1)).day -%}
    {%- endif -%}
  {%- endif -%}
  {%- if not ns.real -%}
    {{ exceptions.raise_compiler_error("var " ~ name ~ " must be a real date written YYYY-MM-DD, such as 2019-12-31, not '" ~ value ~ "'.") }}
  {%- endif -%}
  {{- return(value) -}}
{%- endmacro %}

{#- The on-run-start check of every input var (renders no SQL). -#}
{% macro check_run_vars() -%}
  {%- do checked_la_code() -%}
  {%- set extract_start = checked_date_var('extract_start') -%}
  {%- set extract_date = checked_date_var('extract_date') -%}
  {%- if extract_start and extract_date and extract_start > extract_date -%}
    {{ exceptions.raise_compiler_error("var extract_start (" ~ extract_start ~ ") is after extract_date (" ~ extract_date ~ ").") }}
  {%- endif -%}
{%- endmacro %}
