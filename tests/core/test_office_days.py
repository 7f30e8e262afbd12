"""core.office_days: national holidays and the year-end closure, and the demo data that avoids them."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from core.demo import SeedContext
from core.office_days import next_open_day, office_closed_on
from outreach.demo import WEEKS_AHEAD, seed_classes
from outreach.demo_history import _class_days
from outreach.models import ClassSession
from tests.factories import TopicFactory, VenueFactory
from training.demo_plan import _weekday

D = dt.date


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        (D(2026, 11, 3), True),  # 文化の日
        (D(2026, 9, 22), True),  # 国民の休日, between two holidays
        (D(2030, 5, 6), True),  # a Monday, substitute holiday for Children's Day
        (D(2026, 12, 28), False),  # the last working day of the year
        (D(2026, 12, 29), True),
        (D(2027, 1, 3), True),
        (D(2027, 1, 4), False),
        (D(2026, 12, 1), False),
    ],
)
def test_office_closed_on_knows_holidays_and_the_year_end_closure(day, closed):
    assert office_closed_on(day) is closed


def test_next_open_day_skips_the_closure_and_on_request_weekends():
    assert next_open_day(D(2026, 12, 28)) == D(2026, 12, 28)
    assert next_open_day(D(2026, 12, 30)) == D(2027, 1, 4)
    assert next_open_day(D(2027, 1, 9)) == D(2027, 1, 9)  # a Saturday: residents' classes may be
    assert next_open_day(D(2027, 1, 9), weekdays_only=True) == D(
        2027, 1, 12
    )  # 成人の日 is the 11th


@pytest.mark.django_db
def test_no_seeded_class_falls_on_a_holiday_or_the_year_end_closure():
    venues = [VenueFactory() for _ in range(2)]
    TopicFactory()
    ctx = SeedContext(stdout=io.StringIO(), password="x", password_given=True)
    # Eight weeks from 20 December: the year-end closure (29th → 4 Jan), 成人の日 (11 Jan).
    seed_classes(ctx, today=D(2026, 12, 20))
    days = {timezone.localdate(s.starts_at) for s in ClassSession.objects.all()}
    assert ClassSession.objects.count() == WEEKS_AHEAD * len(venues)
    assert [day for day in days if office_closed_on(day)] == []
    assert D(2027, 1, 4) in days and D(2027, 1, 12) in days  # moved, not dropped


def test_no_class_of_the_demo_history_falls_on_one():
    days = list(_class_days(D(2024, 4, 1), D(2027, 3, 31)))
    assert len(days) == 72
    assert [day for day in days if office_closed_on(day)] == []
    assert D(2026, 9, 24) in days  # the 22nd was 国民の休日, the 23rd 秋分の日


def test_staff_course_days_are_working_days():
    assert _weekday(D(2026, 12, 29)) == D(2027, 1, 4)
    assert _weekday(D(2026, 11, 3)) == D(2026, 11, 4)
    assert _weekday(D(2026, 11, 7)) == D(2026, 11, 9)  # Saturday → Monday
