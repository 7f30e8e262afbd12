"""Claims and their limits: a send starts only while the claim outlasts it, results are
written only by the claim's holder, and the database side on its own connection."""

import datetime as dt
import types
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from messaging import services
from messaging.backends import BaseBackend, SendResult
from messaging.models import Message, Purpose
from tests.factories import ClassSessionFactory, RegistrationFactory


def _queue(n: int) -> list[Message]:
    session = ClassSessionFactory()
    return [
        services.queue_message(RegistrationFactory(session=session), Purpose.CONFIRMATION)
        for _ in range(n)
    ]


class _Wall:
    """The wall clock claims are measured by, moved on by the backend's sends."""

    def __init__(self):
        self.moment = timezone.now()

    def now(self):
        return self.moment


class _SlowBackend(BaseBackend):
    """Every send takes 100 s of the wall clock (a Twilio that answers slowly)."""

    send_timeout = 15

    def __init__(self, wall):
        self.wall = wall
        self.starts: list[tuple[str, dt.datetime, dt.datetime]] = []

    def send(self, message):
        self.starts.append((message.to, self.wall.now(), message.claimed_until))
        self.wall.moment += dt.timedelta(seconds=100)
        return SendResult(provider_id=f"slow-{len(self.starts)}")


@pytest.mark.django_db
def test_a_send_starts_only_while_the_claim_outlasts_it(clock, settings, monkeypatch):
    """Before this rule, the 4th send of a batch started as its claim expired: another
    worker could take the message at that moment, find nothing at Twilio and send it too."""
    settings.MESSAGING_CLAIM_SECONDS = 300
    wall = _Wall()
    backend = _SlowBackend(wall)
    monkeypatch.setattr(services, "timezone", types.SimpleNamespace(now=wall.now))
    monkeypatch.setattr(services, "get_backend", lambda: backend)
    _queue(5)

    first = services.deliver_due_messages()

    # Sends at +0, +100 and +200 s end before the claim's +300 s; the rest are given back.
    assert first.sent == 3
    for _to, started, claimed_until in backend.starts:
        assert started + dt.timedelta(seconds=backend.send_timeout) < claimed_until
    given_back = Message.objects.filter(status=Message.Status.QUEUED)
    assert given_back.count() == 2
    assert all(m.attempts == 0 and m.claim_token is None for m in given_back)

    second = services.deliver_due_messages()
    assert second.sent == 2
    recipients = [to for to, _started, _until in backend.starts]
    assert len(recipients) == len(set(recipients)) == 5
    assert Message.objects.filter(status=Message.Status.SENT).count() == 5


@pytest.mark.django_db
def test_results_are_written_only_while_the_claim_is_ours(clock):
    """A worker whose claim was taken over must not overwrite the new holder's result
    (on PostgreSQL this is the one-statement write, on SQLite one statement per row)."""
    mine, taken = _queue(2)
    batch = services.claim_batch(clock.now(), 10)
    token = batch[0].claim_token
    other = uuid.uuid4()
    Message.objects.filter(pk=taken.pk).update(claim_token=other)
    for message in batch:
        services._sent(message, SendResult(provider_id=f"SM{message.pk}"), clock.now())

    services._flush(batch, token)

    mine.refresh_from_db()
    taken.refresh_from_db()
    assert (mine.status, mine.provider_id, mine.claim_token) == ("sent", f"SM{mine.pk}", None)
    assert (taken.status, taken.provider_id, taken.claim_token) == ("sending", "", other)


def _connections_to_this_database() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_database_side_runs_on_its_own_connection_and_closes_it(
    clock, settings, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("the second connection is used on PostgreSQL only")
    # Queued only: here the task backend would otherwise send each one at its commit.
    monkeypatch.setattr(services, "_wake_worker", lambda: None)
    settings.MESSAGING_BATCH_SIZE = 4  # several batches: claims ahead, writes behind
    _queue(10)
    before = _connections_to_this_database()

    report = services.deliver_due_messages()

    assert report.sent == 10
    assert Message.objects.filter(status=Message.Status.SENT).count() == 10
    assert Message.objects.filter(claim_token__isnull=False).count() == 0
    assert services.deliver_due_messages().handled == 0
    assert _connections_to_this_database() == before
