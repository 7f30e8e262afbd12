"""Each PostgreSQL fast path of messaging.services.claims against its portable twin, on the
same rows: the one-statement claim and the ORM claim, the UPDATE … FROM unnest result write
and the row-by-row write, the BatchWriter's second connection and the steps run in line.

On PostgreSQL both paths run and their results are compared; on SQLite the portable path
runs and is checked against the same expectations.
"""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.utils import timezone

from messaging.backends import BaseBackend, SendResult
from messaging.models import Message, OptOut, Purpose
from messaging.services import claims, delivery, planning
from tests.factories import ClassSessionFactory, RegistrationFactory, ResidentFactory

FIELDS = [f.attname for f in Message._meta.concrete_fields]


def _postgresql() -> bool:
    return connection.vendor == "postgresql"


class _Undo(Exception):
    """Raised to roll a path's writes back, so the next path finds the same rows."""


def _run_and_undo(step):
    """What `step` returns, and the message rows as it left them; then undo its writes."""
    outcome = {}
    try:
        with transaction.atomic():
            outcome["returned"] = step()
            outcome["rows"] = _rows()
            raise _Undo
    except _Undo:
        pass
    return outcome["returned"], outcome["rows"]


def _rows() -> list[tuple]:
    return list(Message.objects.order_by("id").values_list(*FIELDS))


def _message(now, to, **fields) -> Message:
    values = {
        "to": to,
        "channel": "sms",
        "purpose": Purpose.REMINDER,
        "occasion": f"parity-{to}",
        "body": "あした 10時 から スマホ教室 です。",
        "due_at": now - dt.timedelta(minutes=5),
        **fields,
    }
    return Message.objects.create(**values)


@pytest.fixture
def queue(db):
    """Rows of every kind a claim must tell apart, with what each path must take, in order."""
    now = timezone.now()
    live = RegistrationFactory(session=ClassSessionFactory(starts_at=now + dt.timedelta(days=1)))
    cancelled = RegistrationFactory(status="cancelled")
    off_class = RegistrationFactory(session=ClassSessionFactory(status="cancelled"))
    OptOut.objects.create(phone="+819020000004", source=OptOut.Source.SMS)
    stale = {"status": Message.Status.SENDING, "attempts": 1, "claim_token": uuid.uuid4()}
    rows = {
        "stale, older": _message(
            now, "+819020000001", claimed_until=now - dt.timedelta(minutes=2), **stale
        ),
        "stale, newer": _message(
            now, "+819020000002", claimed_until=now - dt.timedelta(minutes=1), **stale
        ),
        "claimed by another": _message(
            now, "+819020000003", claimed_until=now + dt.timedelta(minutes=4), **stale
        ),
        "due, opted out": _message(now, "+819020000004", due_at=now - dt.timedelta(minutes=9)),
        "due, live class": _message(
            now, "+819020000005", registration=live, due_at=now - dt.timedelta(minutes=8)
        ),
        "due, cancelled registration": _message(
            now, "+819020000006", registration=cancelled, due_at=now - dt.timedelta(minutes=7)
        ),
        "due, cancelled class": _message(
            now, "+819020000007", registration=off_class, due_at=now - dt.timedelta(minutes=6)
        ),
        "not due yet": _message(now, "+819020000008", due_at=now + dt.timedelta(minutes=5)),
        "sent": _message(now, "+819020000009", status=Message.Status.SENT),
    }
    return now, rows


def _taken(batch) -> list[tuple]:
    """What a claim hands the sending loop: each message's fields and its live check."""
    return [
        (
            tuple(getattr(m, name) for name in FIELDS),
            tuple(getattr(m, name) for name in claims.LIVE_CHECK),
        )
        for m in batch
    ]


CLAIM_PATHS = [claims.claim_with_orm, claims.claim_in_one_statement]


@pytest.mark.parametrize("claim", CLAIM_PATHS, ids=["orm", "one statement"])
def test_a_claim_takes_expired_claims_first_then_due_rows_in_order(queue, claim):
    if claim is claims.claim_in_one_statement and not _postgresql():
        pytest.skip("the one-statement claim is PostgreSQL's")
    now, rows = queue
    token = claims.new_claim()
    batch, after = _run_and_undo(lambda: claim(now, 5, token))

    expected = ["stale, older", "stale, newer", "due, opted out", "due, live class"]
    expected.append("due, cancelled registration")
    assert [m.pk for m in batch] == [rows[name].pk for name in expected]
    assert [m.attempts for m in batch] == [2, 2, 1, 1, 1]
    assert {(m.status, m.claim_token, m.claimed_until) for m in batch} == {
        (Message.Status.SENDING, token["claim_token"], token["claimed_until"])
    }
    live = [(m.opted_out, m.registration_status, m.session_status) for m in batch]
    assert live[2:] == [(True, None, None), (False, "confirmed", "published")] + [
        (False, "cancelled", "published")
    ]
    claimed = {row[FIELDS.index("id")] for row in after if row[FIELDS.index("claim_token")]}
    assert claimed == {m.pk for m in batch} | {rows["claimed by another"].pk}


def test_both_claims_take_the_same_rows_and_hand_out_the_same_messages(queue):
    if not _postgresql():
        pytest.skip("the one-statement claim is PostgreSQL's")
    now, _rows_by_name = queue
    claim = claims.new_claim()
    for size in (1, 3, 5, 20):
        by_orm, rows_orm = _run_and_undo(lambda s=size: claims.claim_with_orm(now, s, claim))
        by_statement, rows_statement = _run_and_undo(
            lambda s=size: claims.claim_in_one_statement(now, s, claim)
        )
        assert _taken(by_statement) == _taken(by_orm)
        assert rows_statement == rows_orm


def _results_of_every_kind(now, batch) -> None:
    """What a batch's sends leave on its messages: sent, retried, failed, skipped, given back."""
    sent, retried, failed, skipped, released = batch[:5]
    delivery._sent(
        sent,
        SendResult(provider_id="SMparity", price=Decimal("0.0760"), price_unit="USD"),
        now,
    )
    claims.record_result(
        retried,
        status=Message.Status.QUEUED,
        due_at=now + dt.timedelta(seconds=30),
        error_code="20429",
        error_message="Too Many Requests",
    )
    claims.record_result(
        failed, status=Message.Status.FAILED, error_code="21211", error_message="無効な番号"
    )
    claims.record_result(skipped, status=Message.Status.SKIPPED, error_message="配信停止の番号です")
    claims.release(released)


WRITE_PATHS = [claims.write_results_rowwise, claims.write_results_unnest]


@pytest.mark.parametrize("write", WRITE_PATHS, ids=["row by row", "unnest"])
def test_results_are_written_only_where_the_claim_is_still_ours(queue, write):
    if write is claims.write_results_unnest and not _postgresql():
        pytest.skip("UPDATE … FROM unnest is PostgreSQL's")
    now, rows = queue
    batch = claims.claim_with_orm(now, 6, claims.new_claim())
    token = batch[0].claim_token
    _results_of_every_kind(now, batch)
    taken_over = batch[5]
    Message.objects.filter(pk=taken_over.pk).update(claim_token=uuid.uuid4())
    claims.record_result(taken_over, status=Message.Status.SENT, provider_id="SMlate")

    write(batch, token)

    stored = {m.pk: m for m in Message.objects.filter(pk__in=[m.pk for m in batch])}
    sent, retried, failed, skipped, released = (stored[m.pk] for m in batch[:5])
    assert (sent.status, sent.provider_id, sent.price, sent.price_unit) == (
        "sent",
        "SMparity",
        Decimal("0.0760"),
        "USD",
    )
    assert (retried.status, retried.due_at, retried.error_code) == (
        "queued",
        now + dt.timedelta(seconds=30),
        "20429",
    )
    assert (failed.status, failed.error_message) == ("failed", "無効な番号")
    assert skipped.status == "skipped"
    assert (released.status, released.attempts) == ("queued", batch[4].attempts)
    assert all(stored[m.pk].claim_token is None for m in batch[:5])
    assert (stored[taken_over.pk].status, stored[taken_over.pk].provider_id) == ("sending", "")


def test_both_result_writes_leave_the_same_rows(queue):
    if not _postgresql():
        pytest.skip("UPDATE … FROM unnest is PostgreSQL's")
    now, _rows_by_name = queue
    batch = claims.claim_with_orm(now, 6, claims.new_claim())
    token = batch[0].claim_token
    _results_of_every_kind(now, batch)
    Message.objects.filter(pk=batch[5].pk).update(claim_token=uuid.uuid4())

    _none, rowwise = _run_and_undo(lambda: claims.write_results_rowwise(batch, token))
    _none, unnest = _run_and_undo(lambda: claims.write_results_unnest(batch, token))

    # updated_at was set by record_result, in Python, for both: the rows match exactly.
    assert unnest == rowwise
    assert rowwise != _rows()  # and the write changed something


class _Backend(BaseBackend):
    """Accepts every message; the provider id names the recipient."""

    def send(self, message):
        return SendResult(provider_id=f"SM{message.to}")


def _deliver(monkeypatch, background: bool, first: int) -> list[tuple]:
    """Queue 25 messages, deliver them in batches of 10, and say what became of each."""
    Message.objects.all().delete()  # each run starts from an empty queue
    session = ClassSessionFactory()
    phones = [f"+81902{first + i:07d}" for i in range(25)]
    for phone in phones:
        registration = RegistrationFactory(session=session, resident=ResidentFactory(phone=phone))
        planning.queue_message(registration, Purpose.CONFIRMATION)
    monkeypatch.setattr(delivery, "get_backend", _Backend)
    monkeypatch.setattr(delivery, "BatchWriter", lambda: claims.BatchWriter(background=background))
    report = delivery.deliver_due_messages(limit=23)
    assert (report.sent, report.handled) == (23, 23)
    outcome = Message.objects.filter(to__in=phones).values_list(
        "to", "status", "attempts", "provider_id", "claim_token"
    )
    return sorted(
        (phones.index(to), status, attempts, provider.removeprefix(f"SM{to}"), token)
        for to, status, attempts, provider, token in outcome
    )


@pytest.mark.django_db(transaction=True)
def test_the_second_connection_and_the_steps_in_line_deliver_alike(
    clock, settings, monkeypatch, queue_only
):
    settings.MESSAGING_BATCH_SIZE = 10
    in_line = _deliver(monkeypatch, background=False, first=0)
    assert in_line == [(i, "sent", 1, "", None) for i in range(23)] + [
        (23, "queued", 0, "", None),
        (24, "queued", 0, "", None),
    ]
    if not _postgresql():
        return  # SQLite serialises writers: the steps always run in line there
    assert _deliver(monkeypatch, background=True, first=100) == in_line
