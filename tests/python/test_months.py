"""csc.months: the one place months and periods are parsed and counted."""

from __future__ import annotations

from datetime import date

import pytest

from csc import months


def test_month_end_and_first_day() -> None:
    assert months.month_end("2020-02") == date(2020, 2, 29)
    assert months.month_end("2019-02") == date(2019, 2, 28)
    assert months.month_end("2019-12") == date(2019, 12, 31)
    assert months.first_day("2019-12") == date(2019, 12, 1)
    assert months.last_day(date(2019, 4, 10)) == date(2019, 4, 30)


@pytest.mark.parametrize("text", ["2019-13", "2019-00", "2019-1", "19-12", "December", "", None])
def test_bad_months_are_refused(text: object) -> None:
    with pytest.raises(ValueError, match="month must be YYYY-MM"):
        months.month_end(text)  # type: ignore[arg-type]


def test_months_back_crosses_the_year() -> None:
    back = months.months_back(date(2019, 12, 31), 13)
    assert back[0] == date(2018, 12, 31) and back[-1] == date(2019, 12, 31) and len(back) == 13
    assert months.months_back(date(2020, 3, 31), 2) == [date(2020, 2, 29), date(2020, 3, 31)]


@pytest.mark.parametrize(("day", "fy"), [(date(2019, 4, 1), "2019-20"),
                                         (date(2020, 3, 31), "2019-20"),
                                         (date(1999, 12, 1), "1999-00")])
def test_financial_year(day: date, fy: str) -> None:
    assert months.financial_year(day) == fy
