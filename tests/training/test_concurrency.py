"""Two coordinators or two downloads at the same instant, on real PostgreSQL."""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.utils import timezone

from core.fiscal import FiscalYear
from tests.factories import EnrolmentFactory, RequirementFactory, UserFactory
from training.certificates import issue_certificate
from training.models import Certificate, Enrolment, Requirement
from training.planning import copy_requirements

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks and real concurrency need PostgreSQL (set DATABASE_URL)",
    ),
]
THREADS = 8


def _at_once(work, count=THREADS):
    """Run work(n) in `count` threads released together; return results and errors."""
    start = threading.Barrier(count)
    errors: list[BaseException] = []

    def attempt(n):
        start.wait()
        try:
            return work(n)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
            return None
        finally:
            connections.close_all()  # in the thread that opened it

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(attempt, range(count))), errors


@pytest.mark.django_db(transaction=True)
def test_first_downloads_at_the_same_instant_issue_one_certificate():
    enrolment = EnrolmentFactory(status=Enrolment.Status.COMPLETED, completed_at=timezone.now())

    serials, errors = _at_once(lambda n: issue_certificate(enrolment).serial)

    assert errors == []
    assert Certificate.objects.count() == 1
    assert set(serials) == {Certificate.objects.get().serial}


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_copying_last_years_requirements_at_once_copy_them_once():
    coordinator = UserFactory()
    for month in (6, 9, 12):
        RequirementFactory(fiscal_year=2025, due_date=dt.date(2025, month, 30))

    copied, errors = _at_once(lambda n: len(copy_requirements(FiscalYear(2026), by=coordinator)))

    assert errors == []
    assert sorted(copied) == [0] * (THREADS - 1) + [3]
    assert Requirement.objects.for_fiscal_year(FiscalYear(2026)).count() == 3
