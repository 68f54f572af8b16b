{#- The disclosure-control threshold of the published regional outputs (docs/regional.md):
    counts and numerators from 1 to this number are suppressed. A whole number of at least 1;
    anything else stops the build with one plain message, as the other run vars do. -#}
{% macro checked_suppression_threshold() -%}
  {%- set raw = var('suppression_threshold', 5) -%}
  {%- set value = raw | string -%}
  {%- if not modules.re.fullmatch('[1-9][0-9]*', value) -%}
    {{ exceptions.raise_compiler_error("var suppression_threshold must be a whole number of at least 1 (the DfE suppresses 1 to 5), not '" ~ value ~ "'.") }}
  {%- endif -%}
  {{- return(value | int) -}}
{%- endmacro %}
