"""training.queries: what the yearly figures and the volunteer register read from training."""

import datetime as dt

import pytest
from django.utils import timezone

from core.fiscal import FiscalYear
from tests.factories import (
    CourseFactory,
    CourseSessionFactory,
    DepartmentFactory,
    EnrolmentFactory,
    RequirementFactory,
    UserFactory,
)
from training.models import Enrolment
from training.queries import completed_trainer_courses, required_completion

pytestmark = pytest.mark.django_db
FY = FiscalYear(2026)


def _completed(learner, course, day: dt.date):
    return EnrolmentFactory(
        learner=learner,
        session=CourseSessionFactory(course=course),
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12))),
    )


def test_required_completion_sums_progress_per_department():
    welfare = DepartmentFactory(code="welfare", name="高齢者支援課")
    tax = DepartmentFactory(code="tax", name="市民税課")
    requirement = RequirementFactory(fiscal_year=2026, due_date=dt.date(2026, 9, 30))
    done = UserFactory(department=welfare)
    UserFactory(department=welfare)  # did not complete it: overdue
    UserFactory(department=tax)
    _completed(done, requirement.course, dt.date(2026, 5, 1))
    UserFactory(department=None)  # a volunteer: not city staff, never counted

    figures = required_completion(FY, today=dt.date(2026, 10, 1))

    assert [(f.code, f.name, f.required, f.completed, f.overdue) for f in figures] == [
        ("tax", "市民税課", 1, 0, 1),
        ("welfare", "高齢者支援課", 2, 1, 1),
    ]
    assert figures[1].completed_percent == 50.0


def test_completed_trainer_courses_lists_who_and_when_newest_first(django_assert_num_queries):
    trainer_course = CourseFactory(qualifies_trainers=True, title="養成研修")
    other_course = CourseFactory(title="ほかの研修")
    volunteer, newcomer, nobody = UserFactory(), UserFactory(), UserFactory()
    _completed(volunteer, trainer_course, dt.date(2025, 7, 1))
    _completed(volunteer, trainer_course, dt.date(2026, 7, 1))
    _completed(newcomer, other_course, dt.date(2026, 7, 1))
    EnrolmentFactory(learner=nobody, session=CourseSessionFactory(course=trainer_course))

    with django_assert_num_queries(1):
        found = completed_trainer_courses([volunteer.pk, newcomer.pk, nobody.pk])

    assert list(found) == [volunteer.pk]
    assert [(c.course_title, c.completed_on) for c in found[volunteer.pk]] == [
        ("養成研修", dt.date(2026, 7, 1)),
        ("養成研修", dt.date(2025, 7, 1)),
    ]
    assert completed_trainer_courses([]) == {}
