"""Staging from one hand-made single-LA extract that holds every case of the contract at once.

One dbt build (staging and data quality only) serves the whole module: each case below sits in
its own rows or table, so the cases do not interfere, and each test asserts exact values.
The extract date is 2020-03-31; the LA code comes from configuration (208).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import Warehouse, build, write_extract
from csc.summary import run_summary_lines

STAGING_ONLY = ("build", "--select", "staging data_quality ssd_code_lists health_check_types")
LONG_ID = "X" * 49
MAX_ID = "Y" * 48

# BOM, CRLF, blank lines, upper-case and space-padded headers, columns the contract does not
# read (names are never read), a file name in upper case.
PERSON = (
    "\ufeff PERS_PERSON_ID ,Pers_Sex,pers_forename, pers_dob ,PERS_EXPECTED_DOB,"
    "pers_death_date,pers_upn\r\n"
    "P1,m,Ann,2010-05-01,,,A123\r\n"  # 1 kept
    "\r\n"
    "4242,F,Bo,01/02/2015,,,\r\n"  # 2 kept
    "04242,F,Cy,1/2/2015 00:00,,,\r\n"  # 3 kept: another child
    "P_PH,F,Di,1900-01-01,,1900-01-01,\r\n"  # 4 kept, placeholders are null
    "P_OLD,M,Ed,1985-01-01,,,\r\n"  # 5 kept: a date of birth may be before 1990
    "P_UNBORN,,,,2020-06-01,,\r\n"  # 6 kept: expected date of birth is exempt
    "\r\n"
    "P_FUTURE,F,Fi,2020-04-01,,,\r\n"  # 7 date_after_extract_date (pers_dob)
    "P_DEAD,M,Gu,2005-01-01,,2020-05-01,\r\n"  # 8 date_after_extract_date (pers_death_date)
    "P1,M,Ann,2010-05-01,,,\r\n"  # 9 duplicate_id
    ",F,Hal,2011-01-01,,,\r\n"  # 10 required_value, no id
    "P_BADDOB,F,Io,31/02/2015,,,\r\n"  # 11 kept, invalid optional date
)

# Columns in another order than the contract, one extra column; outcome JSON with quoted commas
# and quotes, keys in any case, true/1 values, malformed JSON.
CONTACTS = "\n".join([
    'cont_contact_id,cont_person_id,cont_contact_outcome_json,cont_contact_date,cont_contact_source_code,cont_worker',
    'C01,P1,"{""NEW_REFERRAL_FLAG"": ""Y"", ""NFA_FLAG"": ""N""}",2019-04-01, 1a ,W1',
    'C02,P1,"{""new_referral_flag"": ""yes"", ""cp_enquiry_flag"": ""No""}",2019-04-02 13:45:10,,',
    'C03,P1,"{""Nfa_Flag"": false, ""New_Referral_Flag"": true}",2019-04-03 13:45:10.123,,',
    'C04,P1,"{""NEW_REFERRAL_FLAG"": 1, ""EXISTING_REFERRAL_FLAG"": 0}",2019-04-04T08:00:00,,',
    'C05,P1,"{""NOTE"": ""said \\""no\\"", then, left"", ""NEW_REFERRAL_FLAG"": ""false""}"'
    ',5/4/2019,,',
    'C06,P1,"{""NEW_REFERRAL_FLAG"": ""TRUE""}",06/04/2019,,',
    'C07,P1,"{""NEW_REFERRAL_FLAG"": ""Y""",7/4/2019 9:30,,',
    'C08,P1,,08/04/2019 09:30:15,,',
    'C09,P1,,1900-01-01,,',
    'C10,P1,,1/1/1900,,',
    'C11,P1,,1900-01-01 00:00:00,,',
    'C12,P1,,01/01/1900 00:00,,',
    'C13,P1,,1900-01-01T00:00:00,,',
    'C14,P1,,2019-13-01,,',
    'C15,P1,,1989-12-31,,',
    'C16,P1,,2020-04-01,,',
    'C17,P1,,2020-03-31,,',
    'C18,P1,,1990-01-01,,',
    'C19,PX,,2019-05-01,,',
    'C20,,,2019-05-01,,',
    'C01,P1,,2019-06-01,,',
    f'{LONG_ID},P1,,2019-05-01,,',
    f'{MAX_ID},P1,,2019-05-01,,',
    'C23,P1,,1985-01-01,,',
    'C23,P1,,2019-05-02,,',
    'C24,P1,,2019-05-03,,',
    'C24,P1,,2019-05-04,,',
    'C25,,,1985-01-01,,',
    'C26,04242,,2019-05-05,,',
    'C27,P1,,12/31/2019,,',
    ' C28 ,P1,,2019-05-06,,',
    'C29,P1,"{""NEW_REFERRAL_FLAG"": ""maybe""}",2019-05-07,,',
    'C30,P1,"[""Y""]",2019-05-08,,',
    "",
])

REFERRALS = """\
cine_referral_id,cine_person_id,cine_referral_date,cine_referral_source_code,cine_cin_primary_need_code,cine_referral_nfa,cine_close_date,cine_close_reason
R1,P1,2019-05-01,1A,n1,Yes,2019-04-30,RC1
R2,P1,2019-05-01,,,no,2019-05-01,RC1
R3,P1,2019-05-01,,,TRUE,1900-01-01,
R4,P1,2019-05-01,,,maybe,,
R5,P1,2019-05-01,,,0,soon,
R6,P1,2019-05-01,,,1,1985-06-01,
R7,P1,2020-05-01,,,y,2020-04-01,
R8,4242,2019-05-01,,,N,,
R9,P1,2019-05-01,,,false,2019-06-01,
"""

FILES = {
    "SSD_PERSON.CSV": PERSON.encode("utf-8"),
    "ssd_contacts.csv": CONTACTS,
    "ssd_cin_episodes.csv": REFERRALS,
    # a file name in mixed case; a column we do not read may appear twice (notes, NOTES)
    "Ssd_Cin_Assessments.csv": """\
        cina_assessment_id,cina_person_id,cina_assessment_start_date,cina_referral_id,cina_assessment_auth_date,cina_assessment_child_seen,cina_assessment_outcome_nfa,notes,NOTES
        A1,P1,2019-05-02,R2,2019-05-01,Y,N,a,b
        A2,P1,2019-05-02,R2,2019-05-02,Y,N,,
        A3,P9,2019-05-02,,,,,,
        """,
    "ssd_cp_plans.csv": """\
        cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date,cppl_referral_id,cppl_cp_plan_initial_category,cppl_cp_plan_latest_category,cppl_cp_plan_ola
        CP1,P1,2019-05-10,2019-05-09,R2,NEG,NEG,N
        CP2,P1,2019-05-10,,R2,neg,PHY,Yes
        """,
    "ssd_cp_visits.csv": """\
        cppv_cp_visit_id,cppv_person_id,cppv_cp_visit_date,cppv_cp_plan_id,cppv_cp_visit_seen,cppv_cp_visit_seen_alone
        V1,P1,2019-05-12,CP2,Y,N
        V2,P1,,CP2,Y,Y
        """,
    "ssd_cla_episodes.csv": """\
        clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,clae_cla_id,clae_cla_episode_start_reason,clae_cla_episode_ceased_date,clae_cla_episode_ceased_reason,clae_entered_care_date,clae_cla_placement_id
        CE1,P1,2019-01-01,CLA1,s,2019-02-01,x1,2019-01-01,PL1
        CE2,P1,2019-02-01,CLA1,Z,,,2019-01-01,PL1
        CE3,P1,2019-03-01,CLA1,P,2019-02-28,E99,,
        CE4,P1,2019-03-01,CLA1,P,,Q9,,
        """,
    "ssd_cla_placement.csv": """\
        clap_cla_placement_id,clap_person_id,clap_cla_placement_start_date,clap_cla_id,clap_cla_placement_end_date,clap_cla_placement_type,clap_cla_placement_provider,clap_cla_placement_change_reason
        PL1,P1,2019-01-01,CLA1,,u1,PR1,
        PL2,P1,2019-01-01,CLA1,2018-12-31,XX,,
        PL3,P1,2019-02-01,CLA1,,XX,,
        """,
    "ssd_legal_status.csv": """\
        lega_legal_status_id,lega_person_id,lega_legal_status,lega_legal_status_start_date,lega_legal_status_end_date
        L1,P1,c2,2019-01-01,
        L2,P1,,2019-01-01,
        L3,P1,ZZ,2019-01-01,2019-02-01
        L4,P1,C1,2019-03-01,2019-02-01
        """,
    "ssd_cla_visits.csv": """\
        clav_cla_visit_id,clav_person_id,clav_cla_visit_date,clav_cla_id,clav_cla_visit_seen,clav_cla_visit_seen_alone
        CV1,P1,2019-03-01,CLA1,Y,Y
        CV2,P1,2019-03-01,CLA1,x,
        """,
    "ssd_cla_health.csv": """\
        clah_health_check_id,clah_person_id,clah_health_check_type,clah_health_check_date,clah_health_check_status
        H1,P1,"  Dental   Check ",2019-03-01,completed
        H2,P1,Eye test,2019-03-01,Done
        H3,P1,,2019-03-01,Completed
        H4,P1,IHA,2019-03-01,Planned
        """,
    # ssd_early_help_episodes.csv is absent: the LA holds early help elsewhere.
}


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    work = tmp_path_factory.mktemp("staging_extract")
    extract = write_extract(work / "extract", FILES)
    built = build(
        work,
        {"extract_dir": str(extract), "la_code": "208", "extract_date": "2020-03-31"},
        STAGING_ONLY,
    )
    assert built.returncode == 0, built.output[-5000:]
    return built


def quarantine(wh: Warehouse, table: str) -> list[tuple]:
    return wh.query(
        """
        select row_id, record_number, column_name, offending_value, rule
        from staging.stg_ssd__quarantine where table_name = ? order by record_number
        """,
        [table],
    )


def test_reconciliation_counts_every_row_once(wh: Warehouse) -> None:
    rows = wh.query(
        """
        select table_name, is_present, raw_rows, staged_rows, quarantined_rows
        from data_quality.dq_table_reconciliation where la_code = '208' order by table_name
        """
    )
    assert rows == [
        ("ssd_cin_assessments", True, 3, 2, 1),
        ("ssd_cin_episodes", True, 9, 6, 3),
        ("ssd_cla_episodes", True, 4, 3, 1),
        ("ssd_cla_health", True, 4, 3, 1),
        ("ssd_cla_placement", True, 3, 2, 1),
        ("ssd_cla_visits", True, 2, 2, 0),
        ("ssd_contacts", True, 33, 18, 15),
        ("ssd_cp_plans", True, 2, 1, 1),
        ("ssd_cp_visits", True, 2, 1, 1),
        ("ssd_early_help_episodes", False, 0, 0, 0),
        ("ssd_legal_status", True, 4, 2, 2),
        ("ssd_person", True, 11, 7, 4),
    ]
    las = wh.query("select distinct la_code from data_quality.dq_table_reconciliation")
    assert las == [("208",)]


def test_dates_in_every_format_and_the_placeholder(wh: Warehouse) -> None:
    got = dict(
        wh.query(
            "select contact_id, contact_date from staging.stg_ssd__contacts "
            "where contact_id between 'C01' and 'C08'"
        )
    )
    assert got == {f"C0{d}": date(2019, 4, d) for d in range(1, 9)}
    people = dict(wh.query("select person_id, date_of_birth from staging.stg_ssd__person"))
    assert people["4242"] == date(2015, 2, 1)
    assert people["04242"] == date(2015, 2, 1)
    assert people["P_PH"] is None
    assert people["P_OLD"] == date(1985, 1, 1)
    assert wh.scalar(
        "select date_of_death is null from staging.stg_ssd__person where person_id = 'P_PH'"
    )
    assert wh.query(
        "select expected_date_of_birth from staging.stg_ssd__person where person_id = 'P_UNBORN'"
    ) == [(date(2020, 6, 1),)]


def test_contact_quarantine_rules_and_precedence(wh: Warehouse) -> None:
    assert quarantine(wh, "ssd_contacts") == [
        ("C09", 9, "cont_contact_date", "1900-01-01", "required_value"),
        ("C10", 10, "cont_contact_date", "1/1/1900", "required_value"),
        ("C11", 11, "cont_contact_date", "1900-01-01 00:00:00", "required_value"),
        ("C12", 12, "cont_contact_date", "01/01/1900 00:00", "required_value"),
        ("C13", 13, "cont_contact_date", "1900-01-01T00:00:00", "required_value"),
        ("C14", 14, "cont_contact_date", "2019-13-01", "required_value"),
        ("C15", 15, "cont_contact_date", "1989-12-31", "date_before_1990"),
        ("C16", 16, "cont_contact_date", "2020-04-01", "date_after_extract_date"),
        ("C20", 20, "cont_person_id", None, "required_value"),
        ("C01", 21, "cont_contact_id", "C01", "duplicate_id"),
        (LONG_ID, 22, "cont_contact_id", LONG_ID, "required_value"),
        ("C23", 24, "cont_contact_date", "1985-01-01", "date_before_1990"),
        ("C24", 27, "cont_contact_id", "C24", "duplicate_id"),
        # breaks required_value and date_before_1990: quarantined once, under the first
        ("C25", 28, "cont_person_id", None, "required_value"),
        ("C27", 30, "cont_contact_date", "12/31/2019", "required_value"),
    ]
    source_files = wh.query(
        "select distinct source_file from staging.stg_ssd__quarantine "
        "where table_name = 'ssd_contacts'"
    )
    assert [Path(f).name for (f,) in source_files] == ["ssd_contacts.csv"]


def test_kept_contacts_ids_trimmed_and_duplicates_judged_after_other_rules(wh: Warehouse) -> None:
    ids = [r[0] for r in wh.query("select contact_id from staging.stg_ssd__contacts order by 1")]
    assert ids == [
        "C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C17", "C18", "C19",
        "C23", "C24", "C26", "C28", "C29", "C30", MAX_ID,
    ]
    # C01 and C24: the first in file order is kept; C23: the first row broke a rule, so the
    # second is the one kept.
    kept = dict(
        wh.query(
            "select contact_id, contact_date from staging.stg_ssd__contacts "
            "where contact_id in ('C01', 'C23', 'C24')"
        )
    )
    assert kept == {
        "C01": date(2019, 4, 1), "C23": date(2019, 5, 2), "C24": date(2019, 5, 3),
    }
    assert wh.scalar(
        "select contact_source_code from staging.stg_ssd__contacts where contact_id = 'C01'"
    ) == "1A"


def test_outcome_json_flags(wh: Warehouse) -> None:
    rows = wh.query(
        """
        select contact_id, is_new_referral, is_existing_referral, is_cp_enquiry, is_nfa
        from staging.stg_ssd__contacts
        where contact_id in ('C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C29', 'C30')
        order by contact_id
        """
    )
    assert rows == [
        ("C01", True, None, None, False),
        ("C02", True, None, False, None),
        ("C03", True, None, None, False),
        ("C04", True, False, None, None),
        ("C05", False, None, None, None),
        ("C06", True, None, None, None),
        ("C07", None, None, None, None),  # malformed JSON: kept, flags unknown
        ("C08", None, None, None, None),  # no outcome given
        ("C29", None, None, None, None),  # not a flag
        ("C30", None, None, None, None),  # JSON, but not an object
    ]


def test_person_quarantine_and_ids_as_text(wh: Warehouse) -> None:
    assert quarantine(wh, "ssd_person") == [
        ("P_FUTURE", 7, "pers_dob", "2020-04-01", "date_after_extract_date"),
        ("P_DEAD", 8, "pers_death_date", "2020-05-01", "date_after_extract_date"),
        ("P1", 9, "pers_person_id", "P1", "duplicate_id"),
        (None, 10, "pers_person_id", None, "required_value"),
    ]
    people = wh.query("select person_id, sex from staging.stg_ssd__person order by person_id")
    assert people == [
        ("04242", "F"), ("4242", "F"), ("P1", "M"), ("P_BADDOB", "F"), ("P_OLD", "M"),
        ("P_PH", "F"), ("P_UNBORN", None),
    ]
    # names and national ids are never read
    columns = wh.query(
        "select column_name from information_schema.columns "
        "where table_schema in ('extract', 'staging') "
        "and column_name in ('pers_forename', 'pers_upn')"
    )
    assert columns == []


def test_end_before_start_and_flags_on_referrals(wh: Warehouse) -> None:
    assert quarantine(wh, "ssd_cin_episodes") == [
        ("R1", 1, "cine_close_date", "2019-04-30", "end_before_start"),
        # before 1990 and before its start: the earlier rule wins
        ("R6", 6, "cine_close_date", "1985-06-01", "date_before_1990"),
        # start after the extract date and close before start: the earlier rule wins
        ("R7", 7, "cine_referral_date", "2020-05-01", "date_after_extract_date"),
    ]
    rows = wh.query(
        """
        select referral_id, referral_date, close_date, is_referral_nfa, primary_need_code
        from staging.stg_ssd__cin_episodes order by referral_id
        """
    )
    may_1 = date(2019, 5, 1)
    assert rows == [
        ("R2", may_1, may_1, False, None),  # an end equal to its start is kept
        ("R3", may_1, None, True, None),  # 1900-01-01 close date means open
        ("R4", may_1, None, None, None),  # a bad flag: kept as null
        ("R5", may_1, None, False, None),  # a bad optional date: kept as null
        ("R8", may_1, None, False, None),
        ("R9", may_1, date(2019, 6, 1), False, None),
    ]


def test_end_before_start_on_other_tables(wh: Warehouse) -> None:
    ebs = "end_before_start"
    q = wh.query(
        """
        select table_name, row_id, column_name, offending_value, rule
        from staging.stg_ssd__quarantine
        where table_name not in ('ssd_contacts', 'ssd_person', 'ssd_cin_episodes')
        order by table_name, record_number
        """
    )
    assert q == [
        ("ssd_cin_assessments", "A1", "cina_assessment_auth_date", "2019-05-01", ebs),
        ("ssd_cla_episodes", "CE3", "clae_cla_episode_ceased_date", "2019-02-28", ebs),
        ("ssd_cla_health", "H3", "clah_health_check_type", None, "required_value"),
        ("ssd_cla_placement", "PL2", "clap_cla_placement_end_date", "2018-12-31", ebs),
        ("ssd_cp_plans", "CP1", "cppl_cp_plan_end_date", "2019-05-09", ebs),
        ("ssd_cp_visits", "V2", "cppv_cp_visit_date", None, "required_value"),
        ("ssd_legal_status", "L2", "lega_legal_status", None, "required_value"),
        ("ssd_legal_status", "L4", "lega_legal_status_end_date", "2019-02-01", ebs),
    ]
    assert wh.query("select assessment_id from staging.stg_ssd__cin_assessments order by 1") == [
        ("A2",), ("A3",)
    ]


def test_codes_upper_cased_and_unknown_codes_kept(wh: Warehouse) -> None:
    assert wh.query(
        "select cla_episode_id, start_reason, ceased_reason from staging.stg_ssd__cla_episodes "
        "order by 1"
    ) == [("CE1", "S", "X1"), ("CE2", "Z", None), ("CE4", "P", "Q9")]
    assert wh.query(
        "select legal_status_id, legal_status from staging.stg_ssd__legal_status order by 1"
    ) == [("L1", "C2"), ("L3", "ZZ")]
    assert wh.query(
        "select health_check_id, health_check_type, health_check_type_key, health_check_status "
        "from staging.stg_ssd__cla_health order by 1"
    ) == [
        ("H1", "Dental   Check", "dental check", "COMPLETED"),
        ("H2", "Eye test", "eye test", "DONE"),
        ("H4", "IHA", "iha", "PLANNED"),
    ]
    assert wh.query(
        "select cp_plan_id, initial_category, latest_category, is_other_la_plan "
        "from staging.stg_ssd__cp_plans"
    ) == [("CP2", "NEG", "PHY", True)]


def test_value_issues_counted(wh: Warehouse) -> None:
    rows = wh.query(
        """
        select table_name, column_name, issue, row_count
        from data_quality.dq_value_issues where la_code = '208' order by 1, 2, 3
        """
    )
    assert rows == [
        ("ssd_cin_assessments", "cina_person_id", "person_not_in_ssd_person", 1),
        ("ssd_cin_episodes", "cine_close_date", "invalid_value", 1),
        ("ssd_cin_episodes", "cine_referral_nfa", "invalid_value", 1),
        ("ssd_cla_episodes", "clae_cla_episode_ceased_reason", "unknown_code", 1),
        ("ssd_cla_episodes", "clae_cla_episode_start_reason", "unknown_code", 1),
        ("ssd_cla_health", "clah_health_check_status", "unknown_code", 1),
        ("ssd_cla_health", "clah_health_check_type", "unmapped_type", 1),
        ("ssd_cla_placement", "clap_cla_placement_type", "unknown_code", 1),
        ("ssd_cla_visits", "clav_cla_visit_seen", "invalid_value", 1),
        ("ssd_contacts", "cont_contact_outcome_json", "invalid_value", 3),
        ("ssd_contacts", "cont_person_id", "person_not_in_ssd_person", 1),
        ("ssd_legal_status", "lega_legal_status", "unknown_code", 1),
        ("ssd_person", "pers_dob", "invalid_value", 1),
    ]


def test_run_summary_names_the_missing_file(wh: Warehouse) -> None:
    lines = run_summary_lines(wh.db_path)
    text = "\n".join(lines)
    assert "Missing files: 208/ssd_early_help_episodes.csv" in lines
    assert any(
        line.split() == ["208", "ssd_contacts", "33", "18", "15"] for line in lines
    ), text
    assert any(
        line.split() == ["208", "ssd_contacts", "required_value", "10"] for line in lines
    ), text
    assert any(
        line.split() == ["208", "ssd_contacts", "cont_contact_outcome_json", "invalid_value", "3"]
        for line in lines
    ), text
    early_help = [line for line in lines if "ssd_early_help_episodes" in line]
    assert early_help[0].split()[:3] == ["208", "ssd_early_help_episodes", "file"]


def test_docs_show_lineage_source_base_stg(wh: Warehouse) -> None:
    work = wh.db_path.parent.parent
    extract = work / "extract"
    docs = build(
        work,
        {"extract_dir": str(extract), "la_code": "208", "extract_date": "2020-03-31"},
        ("docs", "generate", "--no-compile", "--select", "staging data_quality"),
    )
    assert docs.returncode == 0, docs.output[-5000:]
    manifest = json.loads((work / "target" / "manifest.json").read_text())
    parents = manifest["parent_map"]
    model = "model.csc_warehouse."
    assert parents[model + "stg_ssd__contacts"] == [model + "base_ssd__contacts"]
    assert parents[model + "base_ssd__contacts"] == ["source.csc_warehouse.ssd.ssd_contacts"]
    catalog = json.loads((work / "target" / "catalog.json").read_text())
    # every column of the staging and data-quality tables, as built, is described
    for node_id, node in manifest["nodes"].items():
        if node["resource_type"] != "model" or node_id not in catalog["nodes"]:
            continue
        if not (node["name"].startswith("stg_") or node["name"].startswith("dq_")):
            continue
        built_columns = set(catalog["nodes"][node_id]["columns"])
        described = {c for c, v in node["columns"].items() if v["description"]}
        assert built_columns == described, node_id
