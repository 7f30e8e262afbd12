"""The days the city's offices are closed.

Japan's national holidays (国民の祝日, with substitute holidays, from the `holidays`
package) and the city offices' year-end closure, 29 December to 3 January. The
phone desk does not answer on them, and the demo data puts no class on them: a
class on a holiday would show the city a timetable it never runs.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays


@cache
def _national_holidays(year: int) -> frozenset[dt.date]:
    # The holiday table of one year never changes while the process runs.
    return frozenset(holidays.country_holidays("JP", years=year))


def office_closed_on(day: dt.date) -> bool:
    """A national holiday, or the city offices' year-end closure (12/29–1/3)."""
    if (day.month, day.day) >= (12, 29) or (day.month, day.day) <= (1, 3):
        return True
    return day in _national_holidays(day.year)


def next_open_day(day: dt.date, *, weekdays_only: bool = False) -> dt.date:
    """`day` itself, or the first day after it that the offices are open (and a weekday)."""
    while office_closed_on(day) or (weekdays_only and day.weekday() >= 5):
        day += dt.timedelta(days=1)
    return day
