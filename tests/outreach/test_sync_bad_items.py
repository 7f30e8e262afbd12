"""A sync batch with bad items: each bad item is refused on its own, the rest is stored.

A tablet drops a refused item from its queue (static/js/attendance.js), so the
answer must be 200 with a reason per item, never a 4xx/500 for the whole batch.
"""

import uuid

import pytest
from django.test import Client

from outreach.models import AttendanceMark, WalkIn
from outreach.services import attendance as service
from tests.factories import ClassSessionFactory, RegistrationFactory
from tests.outreach.test_attendance import SYNC, _at, _mark


@pytest.fixture
def roster(trainer):
    session = ClassSessionFactory(lead_trainer=trainer, capacity=4)
    return [RegistrationFactory(session=session) for _ in range(4)]


def _client(user, language="ja"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def _post(client, items):
    return client.post(SYNC, {"items": items}, content_type="application/json")


def _poisoned_batch(roster, other_trainer):
    elsewhere = RegistrationFactory(session=ClassSessionFactory(lead_trainer=other_trainer))
    session = roster[0].session_id
    return [
        _mark(roster[0]),
        _mark(roster[1], note="メモ\x00です"),  # NUL: PostgreSQL cannot store it
        {**_mark(roster[2]), "registration": 999_999},  # no such registration
        _mark(elsewhere),  # another trainer's class
        _mark(roster[3], note="\ud800"),  # a lone surrogate
        {
            "uuid": str(uuid.uuid4()),
            "type": "walk_in",
            "session": session,
            "name": "名前\x00",
            "name_kana": "なまえ",
            "made_at": _at(),
        },  # fmt: skip
        {**_mark(roster[2]), "session": 10**30},  # an id no integer column holds
        _mark(roster[3], minutes=1),
    ]


def test_only_the_bad_items_are_refused_and_the_rest_is_stored(roster, trainer, other_trainer):
    batch = _poisoned_batch(roster, other_trainer)
    response = _post(_client(trainer), batch)
    assert response.status_code == 200
    data = response.json()
    statuses = [r["status"] for r in data["results"]]
    assert statuses == ["stored"] + ["error"] * 6 + ["stored"]
    assert [r["uuid"] for r in data["results"]] == [item["uuid"] for item in batch]
    reasons = [r["error"] for r in data["results"][1:7]]
    assert "NUL" in reasons[0]
    assert "名簿にない" in reasons[1]
    assert "担当" in reasons[2]
    assert data["results"][3]["code"] == "forbidden"
    assert all(reasons)
    assert (data["stored"], data["errors"]) == (2, 6)
    stored = set(AttendanceMark.objects.values_list("client_uuid", flat=True))
    assert stored == {uuid.UUID(batch[0]["uuid"]), uuid.UUID(batch[7]["uuid"])}
    assert not WalkIn.objects.exists()


def test_resending_a_batch_with_bad_items_is_idempotent(roster, trainer, other_trainer):
    batch = _poisoned_batch(roster, other_trainer)
    client = _client(trainer)
    first = _post(client, batch).json()
    again = _post(client, batch).json()
    assert [r["status"] for r in again["results"]] == (
        ["duplicate"] + ["error"] * 6 + ["duplicate"]
    )
    assert [r.get("error") for r in again["results"]] == [r.get("error") for r in first["results"]]
    assert AttendanceMark.objects.count() == 2


def test_the_reason_is_in_the_tablets_language(roster, trainer, other_trainer):
    batch = _poisoned_batch(roster, other_trainer)[:4]
    data = _post(_client(trainer, "en"), batch).json()
    reasons = [r["error"] for r in data["results"][1:]]
    assert all(reason.isascii() for reason in reasons), reasons
    assert "NUL" in reasons[0]


def test_a_mark_the_database_refuses_fails_alone(roster, trainer, monkeypatch):
    """A mark that passed the checks but that the database refuses (its registration
    deleted meanwhile, say) is refused alone; the others are still stored."""
    from django.db import DatabaseError

    real = AttendanceMark.objects.bulk_create.__func__
    poisoned = _mark(roster[1])

    def bulk_create(manager, objs, **kwargs):
        if any(str(mark.client_uuid) == poisoned["uuid"] for mark in objs):
            raise DatabaseError("refused")
        return real(manager, objs, **kwargs)

    monkeypatch.setattr(type(AttendanceMark.objects), "bulk_create", bulk_create)
    results = service.apply_sync_batch(trainer, [_mark(roster[0]), poisoned, _mark(roster[2])])
    assert [r.status for r in results] == ["stored", "error", "stored"]
    assert results[1].error
    assert AttendanceMark.objects.count() == 2
