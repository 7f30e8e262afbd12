"""The staff-course demo: a believable city hall, and the demo learner's three statuses.

(That a second seed_demo changes nothing is tests/core/test_seed_demo.py's snapshot test.)
"""

import pytest
from django.utils import timezone

from core.fiscal import FiscalYear
from core.models import Department, User
from core.roles import Role
from tests.conftest import module_transaction, seed_whole_demo
from training.models import CourseSession, Requirement
from training.progress import RequirementStatus, by_department, progress

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(scope="module")
def _seeded_for_the_module(django_db_setup, django_db_blocker):
    # The whole demo takes about 25 s: seeded once for the module's tests.
    with module_transaction(django_db_blocker):
        yield seed_whole_demo()


@pytest.fixture
def seeded(_seeded_for_the_module, db):
    return _seeded_for_the_module


@pytest.mark.skipif(
    TODAY == FiscalYear.of(TODAY).start, reason="on 1 April no due date of the year has passed"
)
def test_the_demo_learner_has_one_overdue_one_enrolled_and_one_done(seeded):
    learner = User.objects.get(email="staff@example.jp")
    rows = progress(FiscalYear.current(), learners=[learner])

    assert sorted(row.status for row in rows) == sorted(
        [RequirementStatus.OVERDUE, RequirementStatus.ENROLLED, RequirementStatus.DONE]
    )
    enrolled = next(row for row in rows if row.status == RequirementStatus.ENROLLED)
    assert enrolled.open_enrolment.session.starts_at > timezone.now()
    assert learner.department.code == "welfare" and learner.staff_number


def test_the_demo_has_a_full_session_and_one_with_seats_for_the_demo_instructor(seeded):
    trainer = User.objects.get(email="trainer@example.jp")
    assert trainer.has_role(Role.INSTRUCTOR) and trainer.has_role(Role.TRAINER)
    upcoming = list(
        CourseSession.objects.taught_by(trainer)
        .published()
        .upcoming()
        .with_seats_left()
        .order_by("starts_at")
    )
    full = [s for s in upcoming if s.seats_left == 0]
    assert any(s.confirmed_seats == s.capacity and s.waitlist_length == 0 for s in full)
    assert any(s.seats_left > 0 for s in upcoming)
    learner = User.objects.get(email="staff@example.jp")
    assert not any(s.enrolments.filter(learner=learner).exists() for s in full)


def test_the_demo_city_hall_is_believable(seeded):
    assert Department.objects.count() == 20
    staff = User.objects.filter(staff_number__isnull=False)
    assert 290 <= staff.count() <= 310
    this_year = FiscalYear.current()
    assert staff.filter(joined_on=this_year.start).exists()  # new staff this year
    for year in (this_year, this_year.previous):
        assert Requirement.objects.for_fiscal_year(year).count() >= 6
    summary = by_department(progress(this_year))
    done = sorted(entry.done_percent for entry in summary)
    assert len(summary) == 20
    # Most departments between half and nine tenths done, a few behind with people overdue.
    assert sum(40 <= p <= 95 for p in done) >= 15
    assert sum(entry.overdue > 0 for entry in summary) >= 3
    assert "staff courses:" in seeded
