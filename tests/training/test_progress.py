"""The required-course rule (training.progress): done, enrolled, not yet, overdue."""

import datetime as dt

import pytest
from django.utils import timezone

from core.fiscal import FiscalYear
from core.models import JobGrade
from tests.factories import (
    CourseFactory,
    CourseSessionFactory,
    DepartmentFactory,
    EnrolmentFactory,
    RequirementFactory,
    SkillAreaFactory,
    UserFactory,
)
from training.models import Enrolment, Requirement
from training.progress import RequirementStatus, by_department, progress

FY = FiscalYear(2026)
pytestmark = pytest.mark.django_db


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def _completed(learner, course, day: dt.date) -> Enrolment:
    return EnrolmentFactory(
        learner=learner,
        session=CourseSessionFactory(course=course),
        status=Enrolment.Status.COMPLETED,
        completed_at=_aware(day),
    )


@pytest.fixture
def welfare():
    return DepartmentFactory(code="welfare", name="高齢者支援課")


@pytest.fixture
def learner(welfare):
    return UserFactory(department=welfare, job_grade=JobGrade.STAFF)


def _statuses(rows):
    return [(row.learner.email, row.requirement.pk, row.status) for row in rows]


def test_a_completion_within_the_year_meets_the_requirement(learner):
    requirement = RequirementFactory(fiscal_year=2026, due_date=dt.date(2026, 9, 30))
    _completed(learner, requirement.course, dt.date(2026, 6, 1))

    [row] = progress(FY, today=dt.date(2026, 12, 1))

    assert row.status == RequirementStatus.DONE
    assert not row.is_late


def test_a_completion_before_the_year_does_not_count(learner):
    requirement = RequirementFactory(fiscal_year=2026, due_date=dt.date(2026, 9, 30))
    _completed(learner, requirement.course, dt.date(2026, 3, 31))

    [row] = progress(FY, today=dt.date(2026, 5, 1))

    assert row.status == RequirementStatus.NOT_YET


def test_counts_from_lets_an_earlier_completion_count(learner):
    requirement = RequirementFactory(
        fiscal_year=2026, due_date=dt.date(2026, 9, 30), counts_from=dt.date(2025, 4, 1)
    )
    _completed(learner, requirement.course, dt.date(2025, 10, 1))

    [row] = progress(FY, today=dt.date(2026, 5, 1))

    assert row.status == RequirementStatus.DONE


def test_any_course_of_the_skill_area_meets_an_area_requirement(learner):
    area = SkillAreaFactory(code="security")
    RequirementFactory(
        fiscal_year=2026, course=None, skill_area=area, due_date=dt.date(2027, 1, 31)
    )
    _completed(learner, CourseFactory(skill_area=area), dt.date(2026, 7, 1))

    [row] = progress(FY, today=dt.date(2026, 8, 1))

    assert row.status == RequirementStatus.DONE


def test_past_the_due_date_without_completion_is_overdue_even_when_enrolled(learner):
    requirement = RequirementFactory(fiscal_year=2026, due_date=dt.date(2026, 9, 30))
    EnrolmentFactory(learner=learner, session=CourseSessionFactory(course=requirement.course))

    [before] = progress(FY, today=dt.date(2026, 9, 30))
    [after] = progress(FY, today=dt.date(2026, 10, 1))

    assert before.status == RequirementStatus.ENROLLED
    assert after.status == RequirementStatus.OVERDUE
    assert after.open_enrolment is not None


def test_a_late_completion_is_done_and_marked_late(learner):
    requirement = RequirementFactory(fiscal_year=2026, due_date=dt.date(2026, 9, 30))
    _completed(learner, requirement.course, dt.date(2026, 10, 15))

    [row] = progress(FY, today=dt.date(2026, 12, 1))

    assert row.status == RequirementStatus.DONE
    assert row.is_late


def test_audiences_pick_the_right_people(welfare):
    other = DepartmentFactory(code="tax", name="市民税課")
    UserFactory(email="m@example.jp", department=other, job_grade=JobGrade.MANAGER)
    UserFactory(email="n@example.jp", department=welfare, joined_on=dt.date(2026, 4, 1))
    UserFactory(
        email="v@example.jp",
        department=welfare,
        job_grade=JobGrade.CHIEF,
        joined_on=dt.date(2010, 4, 1),
    )
    UserFactory(email="volunteer@example.jp", department=None)  # not city staff
    UserFactory(email="leaver@example.jp", department=welfare, is_active=False)
    everyone = RequirementFactory(fiscal_year=2026)
    managers = RequirementFactory(fiscal_year=2026, audience=Requirement.Audience.MANAGERS)
    new_staff = RequirementFactory(fiscal_year=2026, audience=Requirement.Audience.NEW_STAFF)
    dept = RequirementFactory(
        fiscal_year=2026, audience=Requirement.Audience.DEPARTMENT, department=welfare
    )
    grade = RequirementFactory(
        fiscal_year=2026, audience=Requirement.Audience.JOB_GRADE, job_grade=JobGrade.CHIEF
    )

    pairs = {
        (row.learner.email, row.requirement.pk) for row in progress(FY, today=dt.date(2026, 5, 1))
    }

    assert pairs == {
        ("m@example.jp", everyone.pk),
        ("m@example.jp", managers.pk),
        ("n@example.jp", everyone.pk),
        ("n@example.jp", new_staff.pk),
        ("n@example.jp", dept.pk),
        ("v@example.jp", everyone.pk),
        ("v@example.jp", dept.pk),
        ("v@example.jp", grade.pk),
    }


def test_progress_reads_the_same_few_queries_for_many_people(
    django_assert_max_num_queries, welfare
):
    requirement = RequirementFactory(fiscal_year=2026)
    for n in range(30):
        person = UserFactory(department=welfare)
        if n % 3 == 0:
            _completed(person, requirement.course, dt.date(2026, 6, 1))

    with django_assert_max_num_queries(4):
        rows = progress(FY, today=dt.date(2026, 5, 1))

    [summary] = by_department(rows)
    assert (summary.required, summary.done) == (30, 10)
    assert summary.done_percent == pytest.approx(33.3)


def test_a_learner_sees_only_their_own_rows(learner, welfare):
    RequirementFactory(fiscal_year=2026)
    UserFactory(department=welfare)

    rows = progress(FY, learners=[learner], today=dt.date(2026, 5, 1))

    assert [row.learner for row in rows] == [learner]
