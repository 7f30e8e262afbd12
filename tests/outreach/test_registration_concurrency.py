"""200 registrations at once for one class, on real PostgreSQL (DESIGN.md "Quality targets")."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from outreach.models import Registration, Resident
from outreach.services import AlreadyRegistered, cancel_registration, register, waitlist_position
from tests.factories import ClassSessionFactory, consent

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks and real concurrency need PostgreSQL (set DATABASE_URL)",
    ),
]

REQUESTS = 200
# The server allows 100 connections and other suites share it: 40 threads,
# each with its own connection, fire the 200 registrations as fast as they can.
THREADS = 40


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_registrations_fill_capacity_exactly_and_waitlist_in_arrival_order(
    open_connections,
):
    before = open_connections()
    session = ClassSessionFactory(capacity=25)
    start = threading.Barrier(THREADS)
    local = threading.local()
    errors: list[BaseException] = []

    def attempt(n: int):
        if not getattr(local, "waited", False):
            local.waited = True
            start.wait()
        try:
            return register(
                session,
                name=f"住民{n}",
                name_kana="じゅうみん",
                phone=f"090-1234-{n:04d}",
                channel="web",
                consent=consent(),
            ).pk
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
            return None
        finally:
            # Closed in the thread that opened it: a map of close_all() over the
            # pool reached only some threads and left up to THREADS connections
            # open for the rest of the session (78 seen at teardown).
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        ids = list(pool.map(attempt, range(REQUESTS)))

    assert errors == []
    assert None not in ids
    assert open_connections(settled_at=before) == before
    regs = list(Registration.objects.filter(session=session).order_by("requested_at", "id"))
    assert len(regs) == REQUESTS
    confirmed = [r for r in regs if r.status == "confirmed"]
    waitlisted = [r for r in regs if r.status == "waitlisted"]
    assert len(confirmed) == session.capacity
    assert len(waitlisted) == REQUESTS - session.capacity
    # Arrival order is the order of taking the lock: the first 25 to get it are
    # confirmed, and the waiting list follows that order with no gaps.
    assert regs[: session.capacity] == confirmed
    assert [r.pk for r in waitlisted] == sorted(r.pk for r in waitlisted)
    assert [waitlist_position(r) for r in waitlisted[:3]] == [1, 2, 3]
    assert waitlist_position(waitlisted[-1]) == REQUESTS - session.capacity


@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_and_registrations_never_overbook(open_connections):
    before = open_connections()
    session = ClassSessionFactory(capacity=10)
    first = [
        register(
            session,
            name="住民",
            name_kana="",
            phone=f"080-1234-{n:04d}",
            channel="web",
            consent=consent(),
        )
        for n in range(30)
    ]
    to_cancel = [r for r in first if r.status == "confirmed"][:5]
    start = threading.Barrier(THREADS)
    local = threading.local()

    def job(n: int):
        if not getattr(local, "waited", False):
            local.waited = True
            start.wait()
        try:
            if n < len(to_cancel):
                cancel_registration(to_cancel[n], reason="concurrency test")
            else:
                register(
                    session,
                    name="住民",
                    name_kana="",
                    phone=f"070-1234-{n:04d}",
                    channel="web",
                    consent=consent(),
                )
        finally:
            connections.close_all()  # in this thread: see above

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(job, range(THREADS * 2)))
    assert open_connections(settled_at=before) == before

    confirmed = Registration.objects.filter(session=session).confirmed().count()
    assert confirmed == session.capacity
    # The five freed seats went to the first five who were waiting from the start.
    originally_waiting = [r for r in first if r.status == "waitlisted"][:5]
    assert set(
        Registration.objects.filter(pk__in=[r.pk for r in originally_waiting]).values_list(
            "status", flat=True
        )
    ) == {"confirmed"}


def _all_at_once(jobs):
    """Run each job in its own thread and connection, released together; return results."""
    start = threading.Barrier(len(jobs))

    def run(job):
        start.wait()
        try:
            return job()
        except BaseException as exc:  # noqa: BLE001 - returned and asserted by the caller
            return exc
        finally:
            connections.close_all()  # in this thread: see above

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


@pytest.mark.django_db(transaction=True)
def test_the_same_person_sent_twenty_times_at_once_gets_one_place():
    """Double-clicks, retries and a family member registering too: one place, never two."""
    session = ClassSessionFactory(capacity=5)

    def same_person(n):
        # The same phone and name, typed a little differently each time.
        return lambda: register(
            session,
            name=("相模 一郎", "相模　一郎", "相模一郎")[n % 3],
            name_kana="",
            phone=("090-1234-5678", "09012345678", "０９０－１２３４－５６７８")[n % 3],
            channel="web",
            consent=consent(),
        )

    results = _all_at_once([same_person(n) for n in range(20)])
    placed = [r for r in results if isinstance(r, Registration)]
    refused = [r for r in results if isinstance(r, AlreadyRegistered)]
    assert len(placed) == 1 and len(refused) == 19, results
    assert Registration.objects.filter(session=session).count() == 1
    # The refused attempts left no resident behind either.
    assert Resident.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_people_sharing_one_landline_registering_at_once_each_get_their_place():
    session = ClassSessionFactory(capacity=3)
    names = ["津久井 一郎", "津久井 花子", "津久井 祖母", "津久井 祖父"]

    def person(name):
        return lambda: register(
            session,
            name=name,
            name_kana="",
            phone="042-700-1234",
            channel="web",
            consent=consent(),
        )

    results = _all_at_once([person(name) for name in names])
    assert all(isinstance(r, Registration) for r in results), results
    statuses = sorted(r.status for r in results)
    assert statuses == ["confirmed", "confirmed", "confirmed", "waitlisted"]
    assert Registration.objects.filter(session=session).confirmed().count() == session.capacity


@pytest.mark.django_db(transaction=True)
def test_the_placing_statement_commits_itself_and_a_refusal_commits_nothing():
    """On its own transaction the insert ends with COMMIT, so the lock is released by the
    server; a class closed while waiting for the lock leaves no new resident behind."""
    from django.test.utils import CaptureQueriesContext

    from outreach.models import ClassSession
    from outreach.services import ClassNotOpen

    session = ClassSessionFactory(capacity=5)
    with CaptureQueriesContext(connection) as ctx:
        register(
            session,
            name="住民",
            name_kana="じゅうみん",
            phone="090-1234-0001",
            channel="web",
            consent=consent(),
        )
    placing = [q["sql"] for q in ctx.captured_queries if "FOR UPDATE" in q["sql"]]
    assert len(placing) == 1 and placing[0].rstrip().endswith("COMMIT")
    assert Registration.objects.filter(session=session, status="confirmed").count() == 1

    # Cancelled after this request checked it, before it got the lock.
    ClassSession.objects.filter(pk=session.pk).update(status=ClassSession.Status.CANCELLED)
    residents = Resident.objects.count()
    with pytest.raises(ClassNotOpen):
        register(
            session,
            name="新しい住民",
            name_kana="あたらしい",
            phone="090-5555-0002",
            channel="web",
            consent=consent(),
        )
    assert Resident.objects.count() == residents
    assert Registration.objects.filter(session=session).count() == 1
