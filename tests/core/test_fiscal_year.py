import datetime as dt
import zoneinfo

import pytest
from django.utils import translation

from core.fiscal import FiscalYear

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


@pytest.mark.parametrize(
    ("day", "start_year"),
    [
        (dt.date(2024, 4, 1), 2024),
        (dt.date(2025, 3, 31), 2024),
        (dt.date(2025, 4, 1), 2025),
        (dt.date(2027, 1, 15), 2026),
    ],
)
def test_fiscal_year_runs_from_april_to_march(day, start_year):
    assert FiscalYear.of(day) == FiscalYear(start_year)
    assert day in FiscalYear(start_year)


def test_a_moment_is_placed_by_its_japanese_date_not_utc():
    # 2025-03-31 23:30 in Tokyo is 14:30 UTC the same day, but 2025-04-01 00:30 in
    # Tokyo is still 31 March in UTC: it belongs to FY2025.
    just_after_midnight = dt.datetime(2025, 4, 1, 0, 30, tzinfo=TOKYO)
    assert FiscalYear.of(just_after_midnight.astimezone(dt.UTC)) == FiscalYear(2025)


@pytest.mark.parametrize(
    ("start_year", "label"),
    [(2019, "令和元年度"), (2024, "令和6年度"), (2027, "令和9年度"), (2018, "2018年度")],
)
def test_reiwa_labels(start_year, label):
    assert FiscalYear(start_year).wareki_label == label


def test_bounds_are_aware_and_half_open():
    start, end = FiscalYear(2024).bounds()
    assert start.isoformat() == "2024-04-01T00:00:00+09:00"
    assert end.isoformat() == "2025-04-01T00:00:00+09:00"
    assert FiscalYear(2024).end == dt.date(2025, 3, 31)


def test_label_follows_the_readers_language():
    with translation.override("ja"):
        assert FiscalYear(2024).label == "令和6年度（2024年度）"
    with translation.override("en"):
        assert FiscalYear(2024).label == "FY2024 (令和6年度)"


def test_next_and_previous():
    assert FiscalYear(2024).next == FiscalYear(2025)
    assert FiscalYear(2024).previous == FiscalYear(2023)
    assert str(FiscalYear(2024)) == "FY2024"
