"""The SSD tables and columns the generator writes, in contract order.

Why a copy of the contract here rather than reading macros/ssd_contract.sql: the generator is
the *other side* of the contract (it plays the LA's extract), so it states the layout it
produces on its own; the staging tests then prove the two agree.
"""

from __future__ import annotations

# Column kinds decide how a value is formatted: dates and flags get the contract's variations.
ID, DATE, FLAG, CODE, TEXT, JSON = "id", "date", "flag", "code", "text", "json"

TABLES: dict[str, list[tuple[str, str]]] = {
    "ssd_person": [
        ("pers_person_id", ID), ("pers_sex", CODE), ("pers_dob", DATE),
        ("pers_expected_dob", DATE), ("pers_death_date", DATE),
    ],
    "ssd_contacts": [
        ("cont_contact_id", ID), ("cont_person_id", ID), ("cont_contact_date", DATE),
        ("cont_contact_source_code", CODE), ("cont_contact_outcome_json", JSON),
    ],
    "ssd_early_help_episodes": [
        ("earl_episode_id", ID), ("earl_person_id", ID), ("earl_episode_start_date", DATE),
        ("earl_episode_end_date", DATE), ("earl_episode_reason", TEXT),
        ("earl_episode_end_reason", TEXT),
    ],
    "ssd_cin_episodes": [
        ("cine_referral_id", ID), ("cine_person_id", ID), ("cine_referral_date", DATE),
        ("cine_referral_source_code", CODE), ("cine_cin_primary_need_code", CODE),
        ("cine_referral_nfa", FLAG), ("cine_close_date", DATE), ("cine_close_reason", CODE),
    ],
    "ssd_cin_assessments": [
        ("cina_assessment_id", ID), ("cina_person_id", ID), ("cina_assessment_start_date", DATE),
        ("cina_referral_id", ID), ("cina_assessment_auth_date", DATE),
        ("cina_assessment_child_seen", FLAG), ("cina_assessment_outcome_nfa", FLAG),
    ],
    "ssd_cp_plans": [
        ("cppl_cp_plan_id", ID), ("cppl_person_id", ID), ("cppl_cp_plan_start_date", DATE),
        ("cppl_cp_plan_end_date", DATE), ("cppl_referral_id", ID),
        ("cppl_cp_plan_initial_category", CODE), ("cppl_cp_plan_latest_category", CODE),
        ("cppl_cp_plan_ola", FLAG),
    ],
    "ssd_cp_visits": [
        ("cppv_cp_visit_id", ID), ("cppv_person_id", ID), ("cppv_cp_visit_date", DATE),
        ("cppv_cp_plan_id", ID), ("cppv_cp_visit_seen", FLAG), ("cppv_cp_visit_seen_alone", FLAG),
    ],
    "ssd_cla_episodes": [
        ("clae_cla_episode_id", ID), ("clae_person_id", ID), ("clae_cla_episode_start_date", DATE),
        ("clae_cla_id", ID), ("clae_cla_episode_start_reason", CODE),
        ("clae_cla_episode_ceased_date", DATE), ("clae_cla_episode_ceased_reason", CODE),
        ("clae_entered_care_date", DATE), ("clae_cla_placement_id", ID),
    ],
    "ssd_cla_placement": [
        ("clap_cla_placement_id", ID), ("clap_person_id", ID),
        ("clap_cla_placement_start_date", DATE), ("clap_cla_id", ID),
        ("clap_cla_placement_end_date", DATE), ("clap_cla_placement_type", CODE),
        ("clap_cla_placement_provider", CODE), ("clap_cla_placement_change_reason", CODE),
    ],
    "ssd_legal_status": [
        ("lega_legal_status_id", ID), ("lega_person_id", ID), ("lega_legal_status", CODE),
        ("lega_legal_status_start_date", DATE), ("lega_legal_status_end_date", DATE),
    ],
    "ssd_cla_visits": [
        ("clav_cla_visit_id", ID), ("clav_person_id", ID), ("clav_cla_visit_date", DATE),
        ("clav_cla_id", ID), ("clav_cla_visit_seen", FLAG), ("clav_cla_visit_seen_alone", FLAG),
    ],
    "ssd_cla_health": [
        ("clah_health_check_id", ID), ("clah_person_id", ID), ("clah_health_check_type", TEXT),
        ("clah_health_check_date", DATE), ("clah_health_check_status", CODE),
    ],
}

# Code lists (CIN census and SSDA903) the generated values are drawn from.
SOURCE_CODES = ["1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F",
                "4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10"]
SOURCE_WEIGHTS = [6, 2, 1, 1, 14, 3, 9, 2, 3, 1, 1, 1, 2, 16, 1, 1, 1, 3, 2, 1, 25, 4]
NEED_CODES = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"]
NEED_WEIGHTS = [52, 9, 6, 14, 5, 1, 1, 2, 10]
CLOSE_REASONS = ["RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8"]
CP_CATEGORIES = ["NEG", "EMO", "PHY", "SAB", "MUL"]
CP_CATEGORY_WEIGHTS = [48, 38, 7, 4, 3]
FOSTER_TYPES = ["U1", "U2", "U3", "U4", "U5", "U6"]
OTHER_PLACEMENTS = ["K2", "P1", "R1", "R2", "R3", "S1", "H5", "A3", "A4", "A5", "A6", "Z1"]
TEMPORARY_PLACEMENTS = ["T0", "T1", "T2", "T3", "T4"]
PROVIDERS = ["PR1", "PR2", "PR3", "PR4", "PR5"]
CHANGE_REASONS = ["CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD",
                  "LAREQ", "PLACE", "CUSTOD", "OTHER"]
EXIT_REASONS = ["E11", "E12", "E13", "E14", "E2", "E3", "E41", "E45", "E46", "E48", "E5",
                "E7", "E8", "E9", "E4A", "E4B", "E15", "E16", "E17"]
EH_REASONS = ["Parenting support", "School attendance", "Domestic abuse, parental conflict",
              "Child's behaviour", "Mental health (parent)", "Housing, finance",
              "Substance misuse (parent)", "Young carer"]
EH_END_REASONS = ["Outcomes achieved", "Stepped up to social care", "Family disengaged",
                  "Moved out of area", "Stepped down to universal services"]
# Health check texts as LAs type them (mapped by the reference seed after normalising).
DENTAL_TEXTS = ["Dental Check", "dental", "Dentist", "DENTAL CHECKS", " dental  examination "]
HEALTH_TEXTS = ["Review Health Assessment", "Initial Health Assessment", "RHA", "IHA",
                "health assessment"]
OTHER_HEALTH_TEXTS = ["Optician", "SDQ", "Immunisations"]
