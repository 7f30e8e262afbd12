"""deliver_due_messages outside a transaction, as the worker and cron run it.

On PostgreSQL the next batch is claimed, and the last one's results written, on a
second connection while a batch is sent (claims.BatchWriter); on SQLite the same
steps run in line. Either way: a batch claimed ahead and never sent is given back,
a run under a limit leaves no claim behind, and nothing is lost when a step fails.
"""

import threading

import pytest
from django.db import DatabaseError, connection

from messaging.backends import BaseBackend, SendResult
from messaging.models import Message, Purpose
from messaging.services import claims, delivery, planning
from tests.factories import ClassSessionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _batches_of_ten(settings, queue_only):
    settings.MESSAGING_BATCH_SIZE = 10


def _queue(n: int) -> None:
    session = ClassSessionFactory()
    for _ in range(n):
        planning.queue_message(RegistrationFactory(session=session), Purpose.CONFIRMATION)


class _Backend(BaseBackend):
    """Accepts every message, or raises on the `fail_at`-th send (a bug, not a Twilio error)."""

    def __init__(self, fail_at: int | None = None):
        self.sent: list[str] = []
        self.fail_at = fail_at

    def send(self, message):
        if len(self.sent) + 1 == self.fail_at:
            raise RuntimeError("unexpected")
        self.sent.append(message.to)
        return SendResult(provider_id=f"SM{len(self.sent)}")


def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the second connection is used on PostgreSQL only")


def test_claims_and_writes_run_on_their_own_connection_which_is_closed_after(
    clock, monkeypatch, open_connections
):
    _postgresql_only()
    _queue(25)
    backend = _Backend()
    monkeypatch.setattr(delivery, "get_backend", lambda: backend)
    threads = []
    for name in ("claim_batch", "write_results"):
        step = getattr(claims, name)

        def recorded(*args, _step=step):
            threads.append(threading.current_thread().name)
            return _step(*args)

        monkeypatch.setattr(claims, name, recorded)
    before = open_connections()

    report = delivery.deliver_due_messages()

    assert report.sent == 25 and len(set(backend.sent)) == 25
    assert Message.objects.filter(status=Message.Status.SENT).count() == 25
    assert threads and all(name.startswith("messaging-db") for name in threads)
    assert open_connections(settled_at=before) == before


def test_a_failed_write_is_raised_in_the_run(clock, monkeypatch):
    _postgresql_only()
    _queue(5)
    monkeypatch.setattr(delivery, "get_backend", lambda: _Backend())

    def broken_write(batch, token):
        raise DatabaseError("the write failed")

    monkeypatch.setattr(claims, "write_results", broken_write)
    with pytest.raises(DatabaseError):
        delivery.deliver_due_messages()
    # Left claimed, as by a killed worker: recovered by asking Twilio once the claim expires.
    assert Message.objects.filter(status=Message.Status.SENDING).count() == 5


def test_a_batch_claimed_ahead_is_given_back_when_the_run_fails(clock, monkeypatch):
    _queue(25)
    monkeypatch.setattr(delivery, "get_backend", lambda: _Backend(fail_at=3))

    with pytest.raises(RuntimeError):
        delivery.deliver_due_messages()

    # The failing batch stays claimed (as after a crash); the one claimed ahead of it
    # was given back untouched, and the rest was never claimed.
    assert Message.objects.filter(status=Message.Status.SENDING).count() == 10
    queued = Message.objects.filter(status=Message.Status.QUEUED)
    assert queued.count() == 15
    assert set(queued.values_list("attempts", "claim_token")) == {(0, None)}


def test_a_run_under_a_limit_sends_that_many_and_leaves_no_claim(clock, monkeypatch):
    _queue(25)
    backend = _Backend()
    monkeypatch.setattr(delivery, "get_backend", lambda: backend)

    report = delivery.deliver_due_messages(limit=15)

    assert report.sent == 15 and len(backend.sent) == 15
    assert not Message.objects.filter(status=Message.Status.SENDING).exists()
    queued = Message.objects.filter(status=Message.Status.QUEUED)
    assert set(queued.values_list("attempts", flat=True)) == {0}
    assert queued.count() == 10
