{#-
  The extract contract as data (docs/extract-format.md says it in words): the one place that says
  which SSD tables and columns we read, how each column parses, which are required, and which
  date pairs must not contradict. The raw, base and data-quality models are generated from it.

  Column kinds:
    id            opaque text id, trimmed, at most 48 characters
    event_date    a date outside ssd_person: checked against 1990 and the extract date
    life_date     date of birth or death: checked against the extract date only
    expected_date an unborn child's expected date of birth: no range check
    flag          Y/N, Yes/No, 1/0, true/false in any case
    code          trimmed and upper-cased
    text          trimmed free text
    json          the SSD outcome object; its flag keys become boolean columns
-#}
{% macro ssd_tables() %}
{{ return({
  'ssd_person': {
    'id': 'pers_person_id', 'person': none, 'ends': [],
    'columns': [
      {'name': 'pers_person_id', 'kind': 'id', 'required': true},
      {'name': 'pers_sex', 'kind': 'code'},
      {'name': 'pers_dob', 'kind': 'life_date'},
      {'name': 'pers_expected_dob', 'kind': 'expected_date'},
      {'name': 'pers_death_date', 'kind': 'life_date'},
    ]},
  'ssd_contacts': {
    'id': 'cont_contact_id', 'person': 'cont_person_id', 'ends': [],
    'columns': [
      {'name': 'cont_contact_id', 'kind': 'id', 'required': true},
      {'name': 'cont_person_id', 'kind': 'id', 'required': true},
      {'name': 'cont_contact_date', 'kind': 'event_date', 'required': true},
      {'name': 'cont_contact_source_code', 'kind': 'code'},
      {'name': 'cont_contact_outcome_json', 'kind': 'json',
       'keys': ['new_referral_flag', 'existing_referral_flag', 'cp_enquiry_flag', 'nfa_flag']},
    ]},
  'ssd_early_help_episodes': {
    'id': 'earl_episode_id', 'person': 'earl_person_id',
    'ends': [['earl_episode_end_date', 'earl_episode_start_date']],
    'columns': [
      {'name': 'earl_episode_id', 'kind': 'id', 'required': true},
      {'name': 'earl_person_id', 'kind': 'id', 'required': true},
      {'name': 'earl_episode_start_date', 'kind': 'event_date', 'required': true},
      {'name': 'earl_episode_end_date', 'kind': 'event_date'},
      {'name': 'earl_episode_reason', 'kind': 'text'},
      {'name': 'earl_episode_end_reason', 'kind': 'text'},
    ]},
  'ssd_cin_episodes': {
    'id': 'cine_referral_id', 'person': 'cine_person_id',
    'ends': [['cine_close_date', 'cine_referral_date']],
    'columns': [
      {'name': 'cine_referral_id', 'kind': 'id', 'required': true},
      {'name': 'cine_person_id', 'kind': 'id', 'required': true},
      {'name': 'cine_referral_date', 'kind': 'event_date', 'required': true},
      {'name': 'cine_referral_source_code', 'kind': 'code'},
      {'name': 'cine_cin_primary_need_code', 'kind': 'code'},
      {'name': 'cine_referral_nfa', 'kind': 'flag'},
      {'name': 'cine_close_date', 'kind': 'event_date'},
      {'name': 'cine_close_reason', 'kind': 'code'},
    ]},
  'ssd_cin_assessments': {
    'id': 'cina_assessment_id', 'person': 'cina_person_id',
    'ends': [['cina_assessment_auth_date', 'cina_assessment_start_date']],
    'columns': [
      {'name': 'cina_assessment_id', 'kind': 'id', 'required': true},
      {'name': 'cina_person_id', 'kind': 'id', 'required': true},
      {'name': 'cina_assessment_start_date', 'kind': 'event_date', 'required': true},
      {'name': 'cina_referral_id', 'kind': 'id'},
      {'name': 'cina_assessment_auth_date', 'kind': 'event_date'},
      {'name': 'cina_assessment_child_seen', 'kind': 'flag'},
      {'name': 'cina_assessment_outcome_nfa', 'kind': 'flag'},
    ]},
  'ssd_cp_plans': {
    'id': 'cppl_cp_plan_id', 'person': 'cppl_person_id',
    'ends': [['cppl_cp_plan_end_date', 'cppl_cp_plan_start_date']],
    'columns': [
      {'name': 'cppl_cp_plan_id', 'kind': 'id', 'required': true},
      {'name': 'cppl_person_id', 'kind': 'id', 'required': true},
      {'name': 'cppl_cp_plan_start_date', 'kind': 'event_date', 'required': true},
      {'name': 'cppl_cp_plan_end_date', 'kind': 'event_date'},
      {'name': 'cppl_referral_id', 'kind': 'id'},
      {'name': 'cppl_cp_plan_initial_category', 'kind': 'code'},
      {'name': 'cppl_cp_plan_latest_category', 'kind': 'code'},
      {'name': 'cppl_cp_plan_ola', 'kind': 'flag'},
    ]},
  'ssd_cp_visits': {
    'id': 'cppv_cp_visit_id', 'person': 'cppv_person_id', 'ends': [],
    'columns': [
      {'name': 'cppv_cp_visit_id', 'kind': 'id', 'required': true},
      {'name': 'cppv_person_id', 'kind': 'id', 'required': true},
      {'name': 'cppv_cp_visit_date', 'kind': 'event_date', 'required': true},
      {'name': 'cppv_cp_plan_id', 'kind': 'id'},
      {'name': 'cppv_cp_visit_seen', 'kind': 'flag'},
      {'name': 'cppv_cp_visit_seen_alone', 'kind': 'flag'},
    ]},
  'ssd_cla_episodes': {
    'id': 'clae_cla_episode_id', 'person': 'clae_person_id',
    'ends': [['clae_cla_episode_ceased_date', 'clae_cla_episode_start_date']],
    'columns': [
      {'name': 'clae_cla_episode_id', 'kind': 'id', 'required': true},
      {'name': 'clae_person_id', 'kind': 'id', 'required': true},
      {'name': 'clae_cla_episode_start_date', 'kind': 'event_date', 'required': true},
      {'name': 'clae_cla_id', 'kind': 'id'},
      {'name': 'clae_cla_episode_start_reason', 'kind': 'code'},
      {'name': 'clae_cla_episode_ceased_date', 'kind': 'event_date'},
      {'name': 'clae_cla_episode_ceased_reason', 'kind': 'code'},
      {'name': 'clae_entered_care_date', 'kind': 'event_date'},
      {'name': 'clae_cla_placement_id', 'kind': 'id'},
    ]},
  'ssd_cla_placement': {
    'id': 'clap_cla_placement_id', 'person': 'clap_person_id',
    'ends': [['clap_cla_placement_end_date', 'clap_cla_placement_start_date']],
    'columns': [
      {'name': 'clap_cla_placement_id', 'kind': 'id', 'required': true},
      {'name': 'clap_person_id', 'kind': 'id', 'required': true},
      {'name': 'clap_cla_placement_start_date', 'kind': 'event_date', 'required': true},
      {'name': 'clap_cla_id', 'kind': 'id'},
      {'name': 'clap_cla_placement_end_date', 'kind': 'event_date'},
      {'name': 'clap_cla_placement_type', 'kind': 'code'},
      {'name': 'clap_cla_placement_provider', 'kind': 'code'},
      {'name': 'clap_cla_placement_change_reason', 'kind': 'code'},
    ]},
  'ssd_legal_status': {
    'id': 'lega_legal_status_id', 'person': 'lega_person_id',
    'ends': [['lega_legal_status_end_date', 'lega_legal_status_start_date']],
    'columns': [
      {'name': 'lega_legal_status_id', 'kind': 'id', 'required': true},
      {'name': 'lega_person_id', 'kind': 'id', 'required': true},
      {'name': 'lega_legal_status', 'kind': 'code', 'required': true},
      {'name': 'lega_legal_status_start_date', 'kind': 'event_date', 'required': true},
      {'name': 'lega_legal_status_end_date', 'kind': 'event_date'},
    ]},
  'ssd_cla_visits': {
    'id': 'clav_cla_visit_id', 'person': 'clav_person_id', 'ends': [],
    'columns': [
      {'name': 'clav_cla_visit_id', 'kind': 'id', 'required': true},
      {'name': 'clav_person_id', 'kind': 'id', 'required': true},
      {'name': 'clav_cla_visit_date', 'kind': 'event_date', 'required': true},
      {'name': 'clav_cla_id', 'kind': 'id'},
      {'name': 'clav_cla_visit_seen', 'kind': 'flag'},
      {'name': 'clav_cla_visit_seen_alone', 'kind': 'flag'},
    ]},
  'ssd_cla_health': {
    'id': 'clah_health_check_id', 'person': 'clah_person_id', 'ends': [],
    'columns': [
      {'name': 'clah_health_check_id', 'kind': 'id', 'required': true},
      {'name': 'clah_person_id', 'kind': 'id', 'required': true},
      {'name': 'clah_health_check_type', 'kind': 'text', 'required': true},
      {'name': 'clah_health_check_date', 'kind': 'event_date', 'required': true},
      {'name': 'clah_health_check_status', 'kind': 'code'},
    ]},
}) }}
{% endmacro %}

{#- Names of a table's required columns, in contract order. -#}
{% macro ssd_required_columns(table) %}
  {%- set out = [] -%}
  {%- for c in ssd_tables()[table]['columns'] if c.get('required') -%}{%- do out.append(c['name']) -%}{%- endfor -%}
  {{ return(out) }}
{% endmacro %}

{#- The staged columns the quality gate profiles, per SSD table, by their staging names
  (staging.stg_ssd__<table>): required columns (never null), event dates (within
  [1990-01-01, extract date]) and dates of birth and death (not after the extract date). -#}
{% macro ssd_gate_columns() %}
{{ return({
  'ssd_person': {'required': ['person_id'], 'event_dates': [], 'life_dates': ['date_of_birth', 'date_of_death']},
  'ssd_contacts': {'required': ['contact_id', 'person_id', 'contact_date'], 'event_dates': ['contact_date'], 'life_dates': []},
  'ssd_early_help_episodes': {'required': ['episode_id', 'person_id', 'episode_start_date'], 'event_dates': ['episode_start_date', 'episode_end_date'], 'life_dates': []},
  'ssd_cin_episodes': {'required': ['referral_id', 'person_id', 'referral_date'], 'event_dates': ['referral_date', 'close_date'], 'life_dates': []},
  'ssd_cin_assessments': {'required': ['assessment_id', 'person_id', 'assessment_start_date'], 'event_dates': ['assessment_start_date', 'assessment_auth_date'], 'life_dates': []},
  'ssd_cp_plans': {'required': ['cp_plan_id', 'person_id', 'plan_start_date'], 'event_dates': ['plan_start_date', 'plan_end_date'], 'life_dates': []},
  'ssd_cp_visits': {'required': ['cp_visit_id', 'person_id', 'visit_date'], 'event_dates': ['visit_date'], 'life_dates': []},
  'ssd_cla_episodes': {'required': ['cla_episode_id', 'person_id', 'episode_start_date'], 'event_dates': ['episode_start_date', 'episode_ceased_date', 'entered_care_date'], 'life_dates': []},
  'ssd_cla_placement': {'required': ['placement_id', 'person_id', 'placement_start_date'], 'event_dates': ['placement_start_date', 'placement_end_date'], 'life_dates': []},
  'ssd_legal_status': {'required': ['legal_status_id', 'person_id', 'legal_status', 'legal_status_start_date'], 'event_dates': ['legal_status_start_date', 'legal_status_end_date'], 'life_dates': []},
  'ssd_cla_visits': {'required': ['cla_visit_id', 'person_id', 'visit_date'], 'event_dates': ['visit_date'], 'life_dates': []},
  'ssd_cla_health': {'required': ['health_check_id', 'person_id', 'health_check_type', 'health_check_date'], 'event_dates': ['health_check_date'], 'life_dates': []}
}) }}
{% endmacro %}
