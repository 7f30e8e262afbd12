"""The measures count what their definitions say, on a year counted by hand (conftest.world)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from metrics.cuts import staff_courses
from metrics.figures import Filters, collect, year_totals
from metrics.measures import BY_KEY
from tests.factories import (
    CourseSessionFactory,
    DepartmentFactory,
    EnrolmentFactory,
    RequirementFactory,
    UserFactory,
)
from training.models import Enrolment

pytestmark = pytest.mark.django_db


def figure(totals, key):
    return BY_KEY[key].figure(totals).value


def test_every_measure_matches_the_hand_count(world):
    totals = year_totals(Filters(world.year))
    expected = {
        "residents_reached": Decimal(4),
        "classes_held": Decimal(2),
        "attendees_per_class": Decimal("3.0"),
        "fill_rate": Decimal("50.0"),
        "no_show_rate": Decimal("25.0"),
        "waitlist_demand": Decimal(1),
        "repeat_rate": Decimal("25.0"),
        "can_do_improvement": Decimal("66.7"),
        "satisfaction": Decimal("66.7"),
        "helper_ratio_kept": Decimal("50.0"),
        "mountainous_share": Decimal("50.0"),
        "registrations": Decimal(9),
    }
    assert {key: figure(totals, key) for key in expected} == expected


def test_a_district_filter_counts_only_the_classes_held_there(world):
    fujino = Filters(world.year, district_id=world.districts["fujino"].pk)
    totals = year_totals(fujino)
    assert (totals.people_reached, totals.classes_held, totals.attendees) == (3, 1, 4)


def test_a_topic_filter_counts_only_that_topic(world):
    totals = year_totals(Filters(world.year, topic_id=world.topics["line"].pk))
    assert (totals.people_reached, totals.classes_held, totals.registrations) == (2, 1, 4)


def _staff_year(year):
    """Two departments: welfare 6 of 8 required courses completed, tax 2 of 5 (3 overdue)."""
    welfare = DepartmentFactory(code="welfare", name="高齢者支援課")
    tax = DepartmentFactory(code="tax", name="市民税課")
    requirement = RequirementFactory(fiscal_year=year.start_year, due_date=year.start)
    done_on = timezone.make_aware(dt.datetime.combine(year.start, dt.time(12)))
    for department, people, done in ((welfare, 8, 6), (tax, 5, 2)):
        for n in range(people):
            person = UserFactory(department=department)
            if n < done:
                EnrolmentFactory(
                    learner=person,
                    session=CourseSessionFactory(course=requirement.course),
                    status=Enrolment.Status.COMPLETED,
                    completed_at=done_on,
                )


def test_staff_completion_of_required_courses_comes_from_training(world):
    _staff_year(world.year)

    totals = year_totals(Filters(world.year))

    assert (totals.staff_required, totals.staff_completed) == (13, 8)
    assert figure(totals, "staff_required_completion") == Decimal("61.5")


def test_staff_completion_is_not_cut_by_district_or_topic(world):
    _staff_year(world.year)

    fujino = year_totals(Filters(world.year, district_id=world.districts["fujino"].pk))

    assert fujino.staff_required == 0
    assert figure(fujino, "staff_required_completion") is None


def test_the_staff_table_shows_each_department(world):
    _staff_year(world.year)
    data = collect(Filters(world.year))

    table = staff_courses(data)

    rows = {row.label: [cell.text for cell in row.cells] for row in table.rows}
    assert rows["高齢者支援課"][0] == "75.0%"
    # 2 of 5 completed: a count of 1-4 people is not shown, nor a rate made of one.
    assert rows["市民税課"] == ["*", "*"]
