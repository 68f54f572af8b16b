{#-
  Words for the report that quote a local choice (a dbt var), so a sentence or label can never
  contradict the number it describes: a council that sets cp_visit_window_days to 21 reads
  "the last 3 weeks", and one that sets placement_stability_threshold to 4 reads "4 or more
  placements". The KPI registry writes these as {placeholders}; kpi_words() fills them.
-#}

{#- 28 -> '4 weeks', 42 -> '6 weeks', 30 -> '30 days', 7 -> '1 week'. -#}
{% macro days_in_words(days) -%}
{%- set days = days | int -%}
{%- if days % 7 == 0 -%}
{{ days // 7 }} week{{ 's' if days // 7 != 1 }}
{%- else -%}
{{ days }} day{{ 's' if days != 1 }}
{%- endif -%}
{%- endmacro %}

{#- 12 -> '12 months', 1 -> '1 month'. -#}
{% macro months_in_words(months) -%}
{%- set months = months | int -%}
{{ months }} month{{ 's' if months != 1 }}
{%- endmacro %}

{#- The placeholders the registry's texts may use, with this run's words for each. -#}
{% macro kpi_wording() %}
{{ return({
    'assessment_working_days': var('assessment_working_days') | string,
    'cp_visit_window': days_in_words(var('cp_visit_window_days')),
    'cla_visit_window': days_in_words(var('cla_visit_window_days')),
    'cla_visit_permanence_window': months_in_words(var('cla_visit_permanence_months')),
    'placement_stability_threshold': var('placement_stability_threshold') | string,
    'cla_health_min_months': months_in_words(var('cla_health_min_months_in_care')),
    'cp_repeat_lookback': 'before' if var('cp_repeat_lookback_months', none) is none
        else 'in the previous ' ~ months_in_words(var('cp_repeat_lookback_months')),
}) }}
{% endmacro %}

{#- A registry text (macros/kpi_registry.sql) with every {placeholder} of kpi_wording()
    replaced by this run's words; none stays none. -#}
{% macro kpi_words(text) %}
{%- if text is none -%}{{ return(none) }}{%- endif -%}
{%- set out = namespace(text=text) -%}
{%- for name, words in kpi_wording().items() -%}
{%- set out.text = out.text | replace('{' ~ name ~ '}', words) -%}
{%- endfor -%}
{{ return(out.text) }}
{% endmacro %}
