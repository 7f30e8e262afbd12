"""Claims and their limits: a send starts only while the claim outlasts it, and results
are written only by the claim's holder."""

import datetime as dt
import types
import uuid

import pytest
from django.utils import timezone

from messaging.backends import BaseBackend, SendResult
from messaging.models import Message, Purpose
from messaging.services import claims, delivery, planning
from tests.factories import ClassSessionFactory, RegistrationFactory


def _queue(n: int) -> list[Message]:
    session = ClassSessionFactory()
    return [
        planning.queue_message(RegistrationFactory(session=session), Purpose.CONFIRMATION)
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
    for module in (claims, delivery):
        monkeypatch.setattr(module, "timezone", types.SimpleNamespace(now=wall.now))
    monkeypatch.setattr(delivery, "get_backend", lambda: backend)
    _queue(5)

    report = delivery.deliver_due_messages()

    # Sends at +0, +100 and +200 s end before the first claim's +300 s; the other two
    # were given back and sent under a new claim, each once, with one attempt counted.
    assert report.sent == 5
    for _to, started, claimed_until in backend.starts:
        assert started + dt.timedelta(seconds=backend.send_timeout) < claimed_until
    assert len({until for _to, _started, until in backend.starts}) == 2
    recipients = [to for to, _started, _until in backend.starts]
    assert len(recipients) == len(set(recipients)) == 5
    sent = Message.objects.filter(status=Message.Status.SENT)
    assert sent.count() == 5
    assert {m.attempts for m in sent} == {1}


@pytest.mark.django_db
def test_results_are_written_only_while_the_claim_is_ours(clock):
    """A worker whose claim was taken over must not overwrite the new holder's result
    (on PostgreSQL this is the one-statement write, on SQLite one statement per row)."""
    mine, taken = _queue(2)
    batch = claims.claim_batch(clock.now(), 10)
    token = batch[0].claim_token
    other = uuid.uuid4()
    Message.objects.filter(pk=taken.pk).update(claim_token=other)
    for message in batch:
        delivery._sent(message, SendResult(provider_id=f"SM{message.pk}"), clock.now())

    claims.write_results(batch, token)

    mine.refresh_from_db()
    taken.refresh_from_db()
    assert (mine.status, mine.provider_id, mine.claim_token) == ("sent", f"SM{mine.pk}", None)
    assert (taken.status, taken.provider_id, taken.claim_token) == ("sending", "", other)
