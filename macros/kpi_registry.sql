{#-
  The KPI registry: every indicator the warehouse reports, in report order, and everything
  about it that is not its definition. The definition is the model int_kpi__<kpi_id>; this
  entry is all else. Adding a KPI = that model + one entry here + its tests (CONTRIBUTING.md).

  It is YAML held in a macro so that dbt reads it when it parses the project, before any table
  exists: kpi_values builds its union and the "inputs present" rule from it, marts.kpis is
  generated from it (and int_kpis__period_types and int_kpis__input_tables, its lists as rows,
  for the gate), the scorecard's sentences from its templates. Python reads the same block
  (csc/kpi_registry.py); the gate, report and plain-text scorecard read marts.kpis.

  Fields:
    kpi_id, area, kpi_name, short_name, numerator_label, denominator_label (null for a count)
    unit                  the headline's: percent, count or rate_per_10k
    headline_period_type  the kpi_values period that is the headline
    period_types          every period type the model writes, each month (the gate checks them)
    direction             high_is_good or low_is_good
    rag_tolerance, rag_tolerance_kind   amber band: points, or percent_of_target
    history_months        look-back a period needs before its first day (history_complete)
    inputs                SSD tables the KPI reads: an LA without one of them gets no rows
    inputs_when           more inputs needed only when a var has a value:
                          [{var: name, equals: value, inputs: [tables]}]
    decimals              decimals the report prints for its percentages and rates (counts: 0)
    nobody_measured       "There were no <these words> in <month>, ...": the words for a month
                          whose percentage has a zero denominator (percent KPIs only)
    sentence              the report's sentence for the month (see below)

  Texts quote local choices as {placeholders} (macros/wording.sql: {assessment_working_days},
  {cp_visit_window}, ...), filled with this run's vars. A sentence may also quote the month's
  figures (int_scorecard__sentences lists them: {month}, {numerator}, {percent}, ...), and
  [[ ... ]] marks a part printed only when every figure it quotes is known; markers such as
  {on_target} are empty text when their condition holds and unknown otherwise.
-#}
{% macro kpi_registry() %}
{%- set registry_yaml -%}
- kpi_id: eha_initiated
  area: front_door
  kpi_name: Children with an Early Help Assessment initiated
  short_name: EHAs initiated
  numerator_label: Children with an EHA started
  denominator_label: null
  unit: rate_per_10k
  headline_period_type: rolling_12m
  period_types: [month, rolling_12m]
  direction: high_is_good
  rag_tolerance: 5
  rag_tolerance_kind: percent_of_target
  history_months: 0
  inputs: [ssd_early_help_episodes]
  decimals: 0
  nobody_measured: null
  sentence: "During the month of {month}, an Early Help Assessment was started for {numerator} children.[[ This is the same as the monthly target.{on_target}]][[ This is {count_off_target} {more_or_less} than the monthly target.]] The number of Early Help Assessments initiated over a 12 month period is now {headline_numerator}[[. This equates to a rate per 10,000 of {headline_value}]]."

- kpi_id: contacts_to_referral
  area: front_door
  kpi_name: Enquiries (contacts) progressing to referral
  short_name: Contacts to referral
  numerator_label: Contacts progressing to referral
  denominator_label: Contacts
  unit: percent
  headline_period_type: fytd
  period_types: [month, fytd]
  direction: low_is_good
  rag_tolerance: 5
  rag_tolerance_kind: points
  history_months: 0
  inputs: [ssd_contacts]
  decimals: 1
  nobody_measured: enquiries
  sentence: "During the month of {month} Children's Social Care received {denominator} enquiries and started {numerator} new referrals. This is a ratio of {percent}."

- kpi_id: re_referrals_12m
  area: front_door
  kpi_name: Re-referrals within 12 months
  short_name: Re-referrals
  numerator_label: Re-referrals
  denominator_label: Referrals
  unit: percent
  headline_period_type: fytd
  period_types: [month, fytd]
  direction: low_is_good
  rag_tolerance: 5
  rag_tolerance_kind: points
  history_months: 12
  inputs: [ssd_cin_episodes]
  decimals: 1
  nobody_measured: referrals
  sentence: "Out of {denominator} children who had a referral starting in {month}, {numerator} had had another referral with a start date in the previous 12 months. This is a ratio of {percent}."

- kpi_id: assessments_45wd
  area: assessment
  kpi_name: Single assessments completed within {assessment_working_days} working days
  short_name: Assessments on time
  numerator_label: Completed within {assessment_working_days} working days
  denominator_label: Assessments completed
  unit: percent
  headline_period_type: fytd
  period_types: [month, fytd]
  direction: high_is_good
  rag_tolerance: 5
  rag_tolerance_kind: points
  history_months: 0
  inputs: [ssd_cin_assessments]
  # the clock can start at the linked referral (docs/kpis.md, assessments_45wd)
  inputs_when:
    - {var: assessment_clock_start, equals: referral_date, inputs: [ssd_cin_episodes]}
  decimals: 1
  nobody_measured: Single Assessments completed
  sentence: "Out of {denominator} Single Assessments completed in {month}, {numerator} were completed within {assessment_working_days} working days.[[ This is {short_of_target} less than the {target_percent}% target.]][[ This meets the {target_percent}% target.{meets_target}]]"

- kpi_id: cp_plans
  area: child_protection
  kpi_name: Children on a child protection plan
  short_name: Children on a CP plan
  numerator_label: Children on a CP plan
  denominator_label: Children aged 0-17
  unit: rate_per_10k
  headline_period_type: snapshot
  period_types: [snapshot]
  direction: low_is_good
  rag_tolerance: 5
  rag_tolerance_kind: percent_of_target
  history_months: 0
  inputs: [ssd_cp_plans]
  decimals: 1
  nobody_measured: null
  sentence: "At the end of {month}, there were {numerator} children on a Child Protection Plan.[[ This is the same as the target{on_target}]][[ This is {count_off_target} {above_or_below} the target]][[, and equates to a rate per 10,000 of {headline_value}.{has_target_count}]][[ This equates to a rate per 10,000 of {headline_value}.{no_target_count}]][[.{has_target_count}{no_headline_value}]]"

- kpi_id: cp_plans_2y_ended
  area: child_protection
  kpi_name: CP plans ending that lasted 2 years or more
  short_name: CP plans 2 years+
  numerator_label: Plans that lasted 2 years or more
  denominator_label: CP plans ending
  unit: percent
  headline_period_type: fytd
  period_types: [month, fytd]
  direction: low_is_good
  rag_tolerance: 5
  rag_tolerance_kind: points
  history_months: 0
  inputs: [ssd_cp_plans]
  decimals: 1
  nobody_measured: Child Protection plans ending
  sentence: "{numerator} out of the {denominator} children with a Child Protection plan ending in {month} were on a Child Protection plan for a period of 2 years or more. This is a ratio of {percent}."

- kpi_id: cp_plans_second_time
  area: child_protection
  kpi_name: Children becoming the subject of a CP plan for a second or subsequent time
  short_name: Repeat CP plans
  numerator_label: Children with an earlier plan
  denominator_label: Children becoming the subject of a plan
  unit: percent
  headline_period_type: fytd
  period_types: [month, fytd]
  direction: low_is_good
  rag_tolerance: 5
  rag_tolerance_kind: points
  history_months: 24
  inputs: [ssd_cp_plans]
  decimals: 1
  nobody_measured: children becoming the subject of a Child Protection Plan
  sentence: "Of the {denominator} children who became the subject of a Child Protection Plan in {month}, {numerator} had been the subject of a plan {cp_repeat_lookback}. This is a ratio of {percent}."

- kpi_id: cp_visits_on_time
  area: child_protection
  kpi_name: Statutory CP visits held on time
  short_name: CP visits on time
  numerator_label: Children visited on time
  denominator_label: Children due a visit
  unit: percent
  headline_period_type: snapshot
  period_types: [snapshot]
  direction: high_is_good
  rag_tolerance: 5
  rag_tolerance_kind: points
  history_months: 0
  inputs: [ssd_cp_plans, ssd_cp_visits, ssd_person]
  decimals: 1
  nobody_measured: children due a Child Protection visit
  sentence: "A Child Protection Statutory Visit was recorded for {numerator} children out of the {denominator} who were due such a visit during the last {cp_visit_window} of {month}. This is a ratio of {percent}."

- kpi_id: cla_rate
  area: children_in_care
  kpi_name: Children looked after
  short_name: Children looked after (rate)
  numerator_label: Children looked after
  denominator_label: Children aged 0-17
  unit: rate_per_10k
  headline_period_type: snapshot
  period_types: [snapshot]
  direction: low_is_good
  rag_tolerance: 5
  rag_tolerance_kind: percent_of_target
  history_months: 0
  inputs: [ssd_cla_episodes]
  decimals: 1
  nobody_measured: null
  sentence: "At the end of {month}, there were {numerator} children looked after.[[ This equates to a rate per 10,000 of {headline_value}.]]"

- kpi_id: cla_placement_stability
  area: children_in_care
  kpi_name: Children in care with {placement_stability_threshold} or more placements in the last 12 months
  short_name: Placement stability
  numerator_label: Children with {placement_stability_threshold}+ placements
  denominator_label: Children in care
  unit: percent
  headline_period_type: snapshot
  period_types: [snapshot]
  direction: low_is_good
  rag_tolerance: 5
  rag_tolerance_kind: points
  history_months: 12
  inputs: [ssd_cla_episodes, ssd_cla_placement]
  decimals: 1
  nobody_measured: children in care
  sentence: "Of the {denominator} children in care at the end of {month}, {numerator} had had {placement_stability_threshold} or more placements in the previous 12 months. This is a ratio of {percent}."

- kpi_id: cla_visits_on_time
  area: children_in_care
  kpi_name: Statutory children-in-care visits held on time
  short_name: CiC visits on time
  numerator_label: Children visited on time
  denominator_label: Children due a visit
  unit: percent
  headline_period_type: snapshot
  period_types: [snapshot]
  direction: high_is_good
  rag_tolerance: 5
  rag_tolerance_kind: points
  history_months: 12
  inputs: [ssd_cla_episodes, ssd_cla_placement, ssd_cla_visits]
  decimals: 1
  nobody_measured: children in care due a visit
  sentence: "A Child in Care Statutory Visit was recorded for {numerator} children out of the {denominator} who were due such a visit during the {cla_visit_window} or {cla_visit_permanence_window} (if the child achieved permanency) leading up to the end of {month}. This is a ratio of {percent}."

- kpi_id: cla_dental_checks
  area: children_in_care
  kpi_name: Dental checks on time, children in care {cla_health_min_months} or more
  short_name: Dental checks
  numerator_label: Dental checks on time
  denominator_label: In care {cla_health_min_months} or more
  unit: percent
  headline_period_type: snapshot
  period_types: [snapshot]
  direction: high_is_good
  rag_tolerance: 5
  rag_tolerance_kind: points
  history_months: 12
  inputs: [ssd_cla_episodes, ssd_cla_health, ssd_person]
  decimals: 1
  nobody_measured: children in care for more than {cla_health_min_months}
  sentence: "{numerator} out of the {denominator} children who had been in care for more than {cla_health_min_months} at the end of {month} had their latest Dental Check completed on time. This is a ratio of {percent}."

- kpi_id: cla_health_assessments
  area: children_in_care
  kpi_name: Health assessments on time, children in care {cla_health_min_months} or more
  short_name: Health assessments
  numerator_label: Health assessments on time
  denominator_label: In care {cla_health_min_months} or more
  unit: percent
  headline_period_type: snapshot
  period_types: [snapshot]
  direction: high_is_good
  rag_tolerance: 5
  rag_tolerance_kind: points
  history_months: 12
  inputs: [ssd_cla_episodes, ssd_cla_health, ssd_person]
  decimals: 1
  nobody_measured: children in care for more than {cla_health_min_months}
  sentence: "{numerator} out of the {denominator} children who had been in care for more than {cla_health_min_months} at the end of {month} had their latest Health Assessment completed on time. This is a ratio of {percent}."
{%- endset -%}
{{ return(fromyaml(registry_yaml)) }}
{% endmacro %}

{#- The SSD tables a KPI needs in this run: its inputs, plus those of inputs_when whose var has
    the value. -#}
{% macro kpi_inputs(kpi) %}
{%- set tables = [] + kpi['inputs'] -%}
{%- for rule in kpi.get('inputs_when') or [] -%}
{%- if var(rule['var'], none) == rule['equals'] -%}
{%- do tables.extend(rule['inputs']) -%}
{%- endif -%}
{%- endfor -%}
{{ return(tables) }}
{% endmacro %}

{#- A SQL string literal of a text, or null. Quotes are escaped by dbt's dispatched
    escape_single_quotes: doubled on DuckDB; on Spark, which reads 'a''b' as 'ab', with a
    backslash (macros/spark/literals.sql). -#}
{% macro sql_text(text) -%}
{%- if text is none -%}null{%- else -%}'{{ escape_single_quotes(text) }}'{%- endif -%}
{%- endmacro %}

{#-
  A registry template as one SQL text expression: literal text, {placeholders} of this run's
  words (kpi_wording) or of the SQL expressions in `figures` (a dict name -> expression), and
  [[ ... ]] parts that drop out (coalesce to '') when a figure they quote is null.
-#}
{% macro kpi_template_sql(template, figures) -%}
{%- set words = kpi_wording() -%}
{%- set parts = [] -%}
{%- set optional = namespace(on=false) -%}
{%- for chunk in modules.re.split('(\\[\\[|\\]\\])', template) -%}
{%- if chunk == '[[' -%}{%- set optional.on = true -%}
{%- elif chunk == ']]' -%}{%- set optional.on = false -%}
{%- elif chunk -%}
{%- set pieces = [] -%}
{%- for token in modules.re.split('(\\{[a-z_0-9]+\\})', chunk) if token -%}
{%- if token.startswith('{') and token.endswith('}') -%}
{%- set name = token[1:-1] -%}
{%- if name in words -%}{%- do pieces.append(sql_text(words[name])) -%}
{%- elif name in figures -%}{%- do pieces.append(figures[name]) -%}
{%- else -%}{{ exceptions.raise_compiler_error("Unknown {" ~ name ~ "} in the KPI template: " ~ template) }}
{%- endif -%}
{%- else -%}{%- do pieces.append(sql_text(token)) -%}
{%- endif -%}
{%- endfor -%}
{%- if optional.on -%}{%- do parts.append("coalesce(" ~ pieces | join(' || ') ~ ", '')") -%}
{%- else -%}{%- do parts.append(pieces | join(' || ')) -%}
{%- endif -%}
{%- endif -%}
{%- endfor -%}
{{ parts | join('\n            || ') }}
{%- endmacro %}

{#- The figures a registry sentence may quote as {name}: expressions over the columns of
    int_scorecard__sentences's `parts`, for a KPI with `decimals` decimals. A marker (on_target,
    has_target_count, ...) is '' when its condition holds and null otherwise, so a [[ part ]]
    quoting it shows only then. -#}
{% macro sentence_figures(decimals) -%}
{%- set as_text = dbt.type_string() -%}
{{ return({
    'month': 'month_label',
    'numerator': 'cast(month_numerator as ' ~ as_text ~ ')',
    'denominator': 'cast(month_denominator as ' ~ as_text ~ ')',
    'percent': format_decimal('month_value', decimals) ~ " || '%'",
    'headline_numerator': 'cast(headline_numerator as ' ~ as_text ~ ')',
    'headline_value': format_decimal('headline_value', decimals),
    'target_percent': format_decimal('target_value', 0),
    'count_off_target': 'cast(abs(nullif(count_vs_target, 0)) as ' ~ as_text ~ ')',
    'more_or_less': "case when count_vs_target > 0 then 'more' when count_vs_target < 0 then 'less' end",
    'above_or_below': "case when count_vs_target > 0 then 'above' when count_vs_target < 0 then 'below' end",
    'on_target': "case when count_vs_target = 0 then '' end",
    'has_target_count': "case when count_vs_target is not null then '' end",
    'no_target_count': "case when count_vs_target is null then '' end",
    'no_headline_value': "case when headline_value is null then '' end",
    'short_of_target': 'cast(case when short_of_target > 0 then short_of_target end as ' ~ as_text ~ ')',
    'meets_target': "case when short_of_target <= 0 then '' end",
}) }}
{%- endmacro %}
