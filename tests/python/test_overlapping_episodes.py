"""A child whose new care episode opened before the old one closed, end to end.

Child O came into care on 15 January 2018 (E1); a second episode E2 opened on 28 November 2019
while E1 ran on to 15 December 2019 (ceased E11, not X1). At 30 November 2019 O is looked after
once, and has been since 15 January 2018: in the 12-month cohort for health checks, and past
the 7-day rule for visits. Reading the episode that started last instead (the defect this pins)
would drop O from both (0 of 0) while keeping O in placement stability.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import Warehouse

pytestmark = pytest.mark.slow

FILES = {
    "ssd_person.csv": """\
        pers_person_id,pers_sex,pers_dob,pers_expected_dob,pers_death_date
        O,F,2010-01-01,,
        """,
    "ssd_cla_episodes.csv": """\
        clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,clae_cla_id,clae_cla_episode_start_reason,clae_cla_episode_ceased_date,clae_cla_episode_ceased_reason,clae_entered_care_date,clae_cla_placement_id
        E1,O,2018-01-15,CL1,S,2019-12-15,E11,,PL1
        E2,O,2019-11-28,CL2,S,,,,PL3
        """,
    # three placements open in the 12 months to 30 November 2019: O counts once, unstable
    "ssd_cla_placement.csv": """\
        clap_cla_placement_id,clap_person_id,clap_cla_placement_start_date,clap_cla_id,clap_cla_placement_end_date,clap_cla_placement_type,clap_cla_placement_provider,clap_cla_placement_change_reason
        PL1,O,2018-01-15,CL1,2019-05-01,U3,PR1,CHILD
        PL2,O,2019-05-01,CL1,2019-11-28,U3,PR1,CHILD
        PL3,O,2019-11-28,CL2,,U3,PR1,
        """,
    "ssd_cla_visits.csv": """\
        clav_cla_visit_id,clav_person_id,clav_cla_visit_date,clav_cla_id,clav_cla_visit_seen,clav_cla_visit_seen_alone
        V1,O,2019-11-01,CL1,Y,N
        """,
    "ssd_cla_health.csv": """\
        clah_health_check_id,clah_person_id,clah_health_check_type,clah_health_check_date,clah_health_check_status
        H1,O,Dental check,2019-06-01,Completed
        H2,O,Review health assessment,2019-06-01,Completed
        """,
}
VARS = {"la_code": "999", "extract_start": "2018-01-01", "extract_date": "2019-12-31"}


def test_overlapping_episodes_count_once_from_the_earliest_period_start(
        build_extract: Callable[..., Warehouse]) -> None:
    wh = build_extract(FILES, VARS)
    assert wh.returncode == 0, wh.output[-5000:]
    rows = dict(
        ((kpi, str(month)), (num, den)) for kpi, month, num, den in wh.query(
            "select kpi_id, month_end, numerator, denominator from marts.kpi_values "
            "where kpi_id like 'cla_%' and period_type = 'snapshot'"))
    november = "2019-11-30"
    assert rows[("cla_dental_checks", november)] == (1, 1)
    assert rows[("cla_health_assessments", november)] == (1, 1)
    assert rows[("cla_visits_on_time", november)] == (1, 1)
    assert rows[("cla_placement_stability", november)] == (1, 1)
    assert rows[("cla_rate", november)] == (1, 51100)  # one child, over the 2019 population
    # a month earlier only E1 was open: the same child, the same period of care
    assert rows[("cla_dental_checks", "2019-10-31")] == (1, 1)
