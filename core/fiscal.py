"""Japan's fiscal year (年度): 1 April to 31 March, labelled in the Reiwa era.

FY2024 is 令和6年度 and runs from 2024-04-01 to 2025-03-31. The strategy's
targets and the yearly review are all counted this way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

REIWA_FIRST_YEAR = 2019  # 令和元年


@dataclass(frozen=True, order=True)
class FiscalYear:
    start_year: int

    @classmethod
    def of(cls, day: dt.date | dt.datetime) -> FiscalYear:
        if isinstance(day, dt.datetime):
            day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def current(cls) -> FiscalYear:
        return cls.of(timezone.localdate())

    @property
    def start(self) -> dt.date:
        return dt.date(self.start_year, 4, 1)

    @property
    def end(self) -> dt.date:
        """The last day, 31 March of the next calendar year."""
        return dt.date(self.start_year + 1, 3, 31)

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Aware datetimes [start, next start) in the current time zone, for filtering."""
        tz = timezone.get_current_timezone()
        return (
            dt.datetime(self.start_year, 4, 1, tzinfo=tz),
            dt.datetime(self.start_year + 1, 4, 1, tzinfo=tz),
        )

    @property
    def next(self) -> FiscalYear:
        return FiscalYear(self.start_year + 1)

    @property
    def previous(self) -> FiscalYear:
        return FiscalYear(self.start_year - 1)

    @property
    def reiwa_year(self) -> int | None:
        year = self.start_year - REIWA_FIRST_YEAR + 1
        return year if year >= 1 else None

    @property
    def wareki_label(self) -> str:
        """令和6年度; 令和元年度 for FY2019. Only Reiwa years are labelled in the era."""
        year = self.reiwa_year
        if year is None:
            return f"{self.start_year}年度"
        return "令和元年度" if year == 1 else f"令和{year}年度"

    @property
    def label(self) -> str:
        """The label for the reader's language: 令和6年度 in Japanese, FY2024 in English."""
        return _("%(wareki)s（%(year)s年度）") % {
            "wareki": self.wareki_label,
            "year": self.start_year,
        }

    def __str__(self) -> str:
        return f"FY{self.start_year}"
