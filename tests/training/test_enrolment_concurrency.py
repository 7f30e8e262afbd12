"""Many learners enrol in one session at once, on real PostgreSQL: never overbooked."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from tests.factories import CourseSessionFactory, UserFactory
from training import services
from training.models import EmailLog, Enrolment

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks and real concurrency need PostgreSQL (set DATABASE_URL)",
    ),
]

LEARNERS = 120
# Other suites share the server's 100 connections: 30 threads, one connection each.
THREADS = 30


def _run_at_once(job, count: int) -> list:
    start = threading.Barrier(THREADS)
    local = threading.local()

    def wrapped(n: int):
        if not getattr(local, "waited", False):
            local.waited = True
            start.wait()
        try:
            return job(n)
        finally:
            connections.close_all()  # in this thread, which opened it

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(wrapped, range(count)))


@pytest.mark.django_db(transaction=True)
def test_many_learners_at_once_fill_capacity_exactly_and_wait_in_arrival_order():
    session = CourseSessionFactory(capacity=20)
    learners = [UserFactory() for _ in range(LEARNERS)]
    errors: list[BaseException] = []

    def enrol(n: int):
        try:
            return services.enrol(learners[n], session).pk
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
            return None

    ids = _run_at_once(enrol, LEARNERS)

    assert errors == []
    assert None not in ids
    enrolments = list(Enrolment.objects.filter(session=session).order_by("requested_at", "id"))
    confirmed = [e for e in enrolments if e.status == "confirmed"]
    waiting = [e for e in enrolments if e.status == "waitlisted"]
    assert len(confirmed) == session.capacity
    assert len(waiting) == LEARNERS - session.capacity
    # The first to get the lock have the seats; the list follows the same order.
    assert enrolments[: session.capacity] == confirmed
    assert [services.waitlist_position(e) for e in waiting[:3]] == [1, 2, 3]
    assert services.waitlist_position(waiting[-1]) == len(waiting)
    # One email row each, written with the enrolment.
    assert EmailLog.objects.filter(kind="confirmed").count() == session.capacity
    assert EmailLog.objects.filter(kind="waitlisted").count() == len(waiting)


@pytest.mark.django_db(transaction=True)
def test_the_same_learner_twice_at_once_gets_one_enrolment():
    sessions = [CourseSessionFactory(capacity=5)]
    sessions.append(CourseSessionFactory(course=sessions[0].course, capacity=5))
    learner = UserFactory()
    outcomes: list[str] = []

    def enrol(n: int):
        try:
            services.enrol(learner, sessions[n % 2])
            outcomes.append("enrolled")
        except services.AlreadyEnrolled:
            outcomes.append("refused")

    _run_at_once(enrol, THREADS)

    assert outcomes.count("enrolled") == 1
    assert outcomes.count("refused") == THREADS - 1
    assert Enrolment.objects.of(learner).open().count() == 1


@pytest.mark.django_db(transaction=True)
def test_cancellations_and_enrolments_at_once_never_overbook():
    session = CourseSessionFactory(capacity=10)
    first = [services.enrol(UserFactory(), session) for _ in range(25)]
    leaving = [e for e in first if e.status == "confirmed"][:5]
    newcomers = [UserFactory() for _ in range(THREADS * 2)]

    def job(n: int):
        if n < len(leaving):
            services.cancel_enrolment(leaving[n], by=leaving[n].learner)
        else:
            services.enrol(newcomers[n], session)

    _run_at_once(job, THREADS * 2)

    assert Enrolment.objects.filter(session=session).holding_seats().count() == session.capacity
    # The freed seats went to the first five who were waiting from the start.
    first_waiting = [e.pk for e in first if e.status == "waitlisted"][:5]
    assert set(Enrolment.objects.filter(pk__in=first_waiting).values_list("status", flat=True)) == {
        "confirmed"
    }
