"""A regional extract: one sub-folder per LA, named by its 3-digit DfE code."""

from __future__ import annotations

from pathlib import Path

from conftest import build, write_extract

STAGING_ONLY = ("build", "--select", "staging data_quality ssd_code_lists health_check_types")

PERSON = "pers_person_id,pers_dob\nP1,2010-01-01\nP2,2011-01-01\n"
CONTACTS = "cont_contact_id,cont_person_id,cont_contact_date\nC1,P1,2019-04-01\nC2,P2,01/04/2019\n"


def test_two_las_in_one_run(tmp_path: Path) -> None:
    # a folder name with a space must be read as any other
    extract = write_extract(
        tmp_path / "LA extracts 2019",
        {
            "208/ssd_person.csv": PERSON,
            "208/ssd_contacts.csv": CONTACTS,
            # the same ids in another LA are other children and other contacts, not duplicates
            # a file of one column: the blank line is no row
            "209/SSD_PERSON.csv": "pers_person_id\nP1\n\nP3\n",
            "209/ssd_contacts.csv": CONTACTS,
            "209/ssd_cp_plans.csv": (
                "cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date\nCP1,P1,2019-05-01\n"
            ),
            # files beside the LA folders, and folders that are not LA codes, are not read
            "ssd_person.csv": PERSON,
            "reference/population_0_17.csv": "la_code,year,population\n208,2019,1000\n",
        },
    )
    wh = build(
        tmp_path,
        {"extract_dir": str(extract), "la_code": "999", "extract_date": "2020-03-31"},
        STAGING_ONLY,
    )
    assert wh.returncode == 0, wh.output[-5000:]

    assert wh.query(
        "select la_code, record_number, pers_person_id, cast(pers_dob as varchar) "
        "from staging.base_ssd__person order by 1, 2"
    ) == [
        ("208", 1, "P1", "2010-01-01"), ("208", 2, "P2", "2011-01-01"),
        ("209", 1, "P1", None), ("209", 2, "P3", None),
    ]
    assert wh.query(
        "select la_code, contact_id, person_id from staging.stg_ssd__contacts order by 1, 2"
    ) == [("208", "C1", "P1"), ("208", "C2", "P2"), ("209", "C1", "P1"), ("209", "C2", "P2")]
    assert wh.query("select la_code, cp_plan_id from staging.stg_ssd__cp_plans") == [("209", "CP1")]
    assert wh.scalar("select count(*) from staging.stg_ssd__quarantine") == 0

    recon = wh.query(
        """
        select la_code, table_name, raw_rows, staged_rows, quarantined_rows
        from data_quality.dq_table_reconciliation where is_present order by 1, 2
        """
    )
    assert recon == [
        ("208", "ssd_contacts", 2, 2, 0),
        ("208", "ssd_person", 2, 2, 0),
        ("209", "ssd_contacts", 2, 2, 0),
        ("209", "ssd_cp_plans", 1, 1, 0),
        ("209", "ssd_person", 2, 2, 0),
    ]
    assert wh.query(
        "select la_code, count(*) from data_quality.dq_table_reconciliation "
        "where not is_present and raw_rows = 0 group by 1 order by 1"
    ) == [("208", 10), ("209", 9)]
    source_files = wh.query(
        "select la_code, source_file from staging.base_ssd__contacts order by 1, record_number"
    )
    assert [(la, f.rsplit("/", 2)[-2]) for la, f in source_files] == [
        ("208", "208"), ("208", "208"), ("209", "209"), ("209", "209"),
    ]
    # P2 is a child of LA 208, not of 209
    assert wh.query(
        "select la_code, table_name, column_name, issue, row_count "
        "from data_quality.dq_value_issues"
    ) == [("209", "ssd_contacts", "cont_person_id", "person_not_in_ssd_person", 1)]
