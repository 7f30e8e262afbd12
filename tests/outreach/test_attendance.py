"""Attendance sync: marks and walk-ins from tablets, exactly once, latest mark wins."""

import datetime as dt
import json
import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from outreach import rosters
from outreach.models import AttendanceMark, CanDoStatement, Registration, Resident, WalkIn
from outreach.phones import mask_phone, parse_phone
from outreach.services import attendance as service
from tests.factories import (
    ClassSessionFactory,
    RegistrationFactory,
    ResidentFactory,
    TopicFactory,
)

SYNC = "/api/v1/attendance/sync"


def _at(minutes: int = 0) -> str:
    return (timezone.now() - dt.timedelta(hours=1) + dt.timedelta(minutes=minutes)).isoformat()


def _mark(registration, value="present", minutes=0, **extra):
    item = {
        "uuid": str(uuid.uuid4()),
        "type": "mark",
        "session": registration.session_id,
        "registration": registration.pk,
        "kind": "attendance",
        "value": value,
        "made_at": _at(minutes),
    }
    item.update(extra)
    return item


@pytest.fixture
def session(trainer):
    return ClassSessionFactory(lead_trainer=trainer, capacity=3)


@pytest.fixture
def roster(session):
    return [RegistrationFactory(session=session) for _ in range(3)]


@pytest.fixture
def trainer_client(trainer):
    client = Client()
    client.force_login(trainer)
    return client


def _post(client, items, **headers):
    return client.post(SYNC, {"items": items}, content_type="application/json", **headers)


def test_a_replayed_batch_stores_each_mark_once(trainer_client, roster):
    batch = [_mark(r, minutes=i) for i, r in enumerate(roster)]
    first = _post(trainer_client, batch)
    assert first.status_code == 200
    assert first.json()["stored"] == 3
    for _ in range(3):
        again = _post(trainer_client, batch)
        assert again.status_code == 200
        assert again.json()["stored"] == 0
        assert again.json()["duplicates"] == 3
    assert AttendanceMark.objects.count() == 3
    assert set(AttendanceMark.objects.values_list("client_uuid", flat=True)) == {
        uuid.UUID(item["uuid"]) for item in batch
    }


def test_the_same_uuid_twice_in_one_batch_is_stored_once(trainer, roster):
    item = _mark(roster[0])
    results = service.apply_sync_batch(trainer, [item, dict(item)])
    assert [r.status for r in results] == ["stored", "duplicate"]
    assert AttendanceMark.objects.count() == 1


def test_two_devices_marking_one_person_resolve_to_the_latest_mark(trainer, roster):
    person = roster[0]
    late_from_tablet_b = _mark(person, "late", minutes=5)
    present_from_tablet_a = _mark(person, "present", minutes=1)
    # Tablet B comes back online first: arrival order must not matter.
    service.apply_sync_batch(trainer, [late_from_tablet_b])
    service.apply_sync_batch(trainer, [present_from_tablet_a])
    state = rosters.current_state(AttendanceMark.objects.all())[person.pk]
    assert state.attendance_value == "late"
    assert [m.value for m in state.history] == ["present", "late"]


def test_a_tie_on_the_device_time_is_broken_by_the_uuid(trainer, roster):
    person = roster[0]
    made_at = _at()
    low = _mark(person, "absent", made_at=made_at, uuid="00000000-0000-4000-8000-000000000001")
    high = _mark(person, "present", made_at=made_at, uuid="ffffffff-0000-4000-8000-000000000001")
    service.apply_sync_batch(trainer, [high, low])
    marks = list(AttendanceMark.objects.all())
    assert rosters.current_state(marks)[person.pk].attendance_value == "present"
    assert rosters.current_state(reversed(marks))[person.pk].attendance_value == "present"


def test_undo_is_a_mark_that_returns_to_unmarked(trainer, roster):
    person = roster[0]
    service.apply_sync_batch(
        trainer, [_mark(person, "absent", minutes=1), _mark(person, "unmarked", minutes=2)]
    )
    state = rosters.current_state(AttendanceMark.objects.all())[person.pk]
    assert state.attendance_value == "unmarked"
    assert len(state.history) == 2


def test_a_trainer_cannot_mark_another_trainers_class(trainer, other_trainer, roster):
    elsewhere = RegistrationFactory(session=ClassSessionFactory(lead_trainer=other_trainer))
    results = service.apply_sync_batch(trainer, [_mark(elsewhere), _mark(roster[0])])
    assert results[0].status == "error"
    assert results[0].code == "forbidden"
    assert "担当" in results[0].error
    assert results[1].status == "stored"
    assert list(AttendanceMark.objects.values_list("registration", flat=True)) == [roster[0].pk]


def test_a_helper_may_mark_the_class_they_help_with(other_trainer, session, roster):
    session.helpers.add(other_trainer)
    results = service.apply_sync_batch(other_trainer, [_mark(roster[0])])
    assert results[0].status == "stored"


def test_a_coordinator_may_mark_any_class(coordinator, roster):
    assert service.apply_sync_batch(coordinator, [_mark(roster[0])])[0].status == "stored"


@pytest.mark.parametrize(
    "change",
    [
        {"uuid": "not-a-uuid"},
        {"made_at": "yesterday"},
        {"made_at": "2025-01-01T10:00:00"},  # no offset: which time zone?
        {"made_at": None},
        {"kind": "mood"},
        {"value": "asleep"},
        {"value": True},
        {"session": "abc"},
        {"session": 999999},
        {"registration": 999999},
        {"registration": None},
        {"type": "delete_everything"},
        {"note": "x" * 500},
        {"kind": "can_do", "value": "yes"},  # no statement
        {"kind": "can_do", "value": "yes", "statement": 999999},
        {"kind": "satisfaction", "value": "7"},
        {"kind": "satisfaction", "value": "5", "phase": "during"},
        {"walk_in": str(uuid.uuid4())},  # a walk-in never sent
        {"walk_in": "nope"},
    ],
)
def test_a_malformed_item_gets_its_own_error_and_the_rest_is_stored(trainer_client, roster, change):
    bad = _mark(roster[0])
    bad.update(change)
    good = _mark(roster[1])
    response = _post(trainer_client, [bad, good])
    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["status"] == "error"
    assert results[0]["error"]
    assert results[1]["status"] == "stored"
    assert AttendanceMark.objects.count() == 1


@pytest.mark.parametrize("item", [None, 42, "mark", [], {"uuid": None}])
def test_items_that_are_not_objects_get_an_error_not_a_500(trainer_client, item):
    response = _post(trainer_client, [item])
    assert response.status_code == 200
    assert response.json()["results"][0]["status"] == "error"


@pytest.mark.parametrize("body", ["not json", "{}", '{"items": "many"}', "[]"])
def test_a_malformed_body_is_refused_politely(trainer_client, body):
    response = trainer_client.post(SYNC, body, content_type="application/json")
    assert response.status_code in (400, 422)


def test_a_mark_of_someone_in_another_class_is_refused(trainer, roster):
    other = RegistrationFactory(session=ClassSessionFactory(lead_trainer=trainer))
    item = _mark(other, session=roster[0].session_id)
    assert service.apply_sync_batch(trainer, [item])[0].status == "error"


def test_a_statement_of_another_topic_is_refused(trainer, roster):
    foreign = CanDoStatement.objects.create(topic=TopicFactory(), text="よそ")
    item = _mark(roster[0], kind="can_do", value="yes", statement=foreign.pk, phase="before")
    assert service.apply_sync_batch(trainer, [item])[0].status == "error"


def test_can_do_answers_and_satisfaction_are_kept_per_statement_and_phase(trainer, session, roster):
    statement = CanDoStatement.objects.create(topic=session.topic, text="LINEでビデオ通話ができる")
    person = roster[0]
    batch = [
        _mark(person, kind="can_do", value="not_yet", statement=statement.pk, phase="before"),
        _mark(
            person, kind="can_do", value="yes", statement=statement.pk, phase="after", minutes=60
        ),
        _mark(person, kind="satisfaction", value="5", phase="after", minutes=61),
    ]
    assert [r.status for r in service.apply_sync_batch(trainer, batch)] == ["stored"] * 3
    state = rosters.current_state(AttendanceMark.objects.all())[person.pk]
    assert state.can_do[(statement.pk, "before")].value == "not_yet"
    assert state.can_do[(statement.pk, "after")].value == "yes"
    assert state.satisfaction.value == "5"


def test_a_device_clock_far_ahead_does_not_win_forever(trainer, roster):
    future = (timezone.now() + dt.timedelta(days=365)).isoformat()
    service.apply_sync_batch(trainer, [_mark(roster[0], made_at=future)])
    assert AttendanceMark.objects.get().made_at <= timezone.now()


def test_a_walk_in_replayed_three_times_creates_one_registration(trainer_client, session, roster):
    walk_in = {
        "uuid": str(uuid.uuid4()),
        "type": "walk_in",
        "session": session.pk,
        "name": "飛び入り 花子",
        "name_kana": "とびいり はなこ",
        "made_at": _at(),
    }
    # The mark comes first in the batch: the server still stores the walk-in first.
    mark = {**_mark(roster[0], minutes=1), "registration": None, "walk_in": walk_in["uuid"]}
    for _ in range(3):
        response = _post(trainer_client, [mark, walk_in])
        assert response.status_code == 200
        assert all(r["status"] in ("stored", "duplicate") for r in response.json()["results"])
    registration = Registration.objects.get(channel=Registration.Channel.WALK_IN)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.phone is None
    assert registration.resident.name == "飛び入り 花子"
    assert WalkIn.objects.count() == 1
    assert AttendanceMark.objects.get().registration == registration


def test_walk_ins_are_confirmed_even_when_the_class_is_full(trainer, session, roster):
    assert session.capacity == len(roster)
    registration, created = service.add_walk_in(
        session,
        client_uuid=uuid.uuid4(),
        name="満席 太郎",
        name_kana="まんせき たろう",
        phone="０９０－１２３４－５６７８",
        made_at=timezone.now(),
        by=trainer,
    )
    assert created
    assert registration.status == Registration.Status.CONFIRMED
    assert str(registration.phone) == "+819012345678"


def test_a_walk_in_with_a_bad_phone_is_kept_with_a_note(trainer, session):
    registration, _ = service.add_walk_in(
        session,
        client_uuid=uuid.uuid4(),
        name="番号 違い",
        name_kana="ばんごう ちがい",
        phone="12",
        made_at=timezone.now(),
        by=trainer,
    )
    assert registration.phone is None
    assert "12" in registration.status_reason


@pytest.mark.parametrize("phone", ["0120-123-456", "0570-123-456", "020-1234-5678"])
def test_a_walk_in_with_a_number_that_reaches_no_one_is_refused_with_the_forms_reason(
    trainer, session, phone
):
    """One parser for every path: the registration form refuses these numbers, and a
    walk-in must not store one either (a reminder would then go to a free-dial line)."""
    with pytest.raises(ValidationError) as from_the_form:
        parse_phone(phone)
    item = {
        "uuid": str(uuid.uuid4()),
        "type": "walk_in",
        "session": session.pk,
        "name": "無料 電話",
        "name_kana": "むりょう でんわ",
        "phone": phone,
        "made_at": _at(),
    }

    (result,) = service.apply_sync_batch(trainer, [item])

    assert (result.status, result.error) == ("error", from_the_form.value.messages[0])
    assert not Registration.objects.filter(channel=Registration.Channel.WALK_IN).exists()
    assert not WalkIn.objects.exists()


def test_a_walk_in_whose_phone_and_name_are_already_on_the_roster_uses_that_registration(
    trainer, session
):
    booked = RegistrationFactory(
        session=session, resident__phone="+819012345678", resident__name="見落とし 花"
    )
    registration, created = service.add_walk_in(
        session,
        client_uuid=uuid.uuid4(),
        name="見落とし　花",
        name_kana="みおとし",
        phone="090-1234-5678",
        made_at=timezone.now(),
        by=trainer,
    )
    assert registration == booked
    assert Registration.objects.filter(session=session).count() == 1
    assert WalkIn.objects.get().registration == booked


def test_a_walk_in_sharing_a_phone_with_someone_on_the_roster_is_a_person_of_their_own(
    trainer, session
):
    booked = RegistrationFactory(session=session, resident__phone="+819012345678")
    registration, created = service.add_walk_in(
        session,
        client_uuid=uuid.uuid4(),
        name="津久井 妻",
        name_kana="つくい つま",
        phone="090-1234-5678",
        made_at=timezone.now(),
        by=trainer,
    )
    assert created and registration != booked
    assert registration.name == "津久井 妻" and registration.resident_id != booked.resident_id
    assert Registration.objects.filter(session=session).count() == 2


def test_a_coordinator_merges_a_walk_in_with_a_resident_on_file(coordinator, trainer, session):
    known = ResidentFactory(name="既存 一郎", name_kana="きそん いちろう")
    registration, _ = service.add_walk_in(
        session,
        client_uuid=uuid.uuid4(),
        name="既存 一郎",
        name_kana="きそん いちろう",
        made_at=timezone.now(),
        by=trainer,
    )
    placeholder = registration.resident
    walk_in = WalkIn.objects.get()
    assert list(service.merge_candidates(walk_in)) == [known]
    service.apply_sync_batch(trainer, [{**_mark(registration), "registration": registration.pk}])
    service.merge_walk_in(walk_in, known, by=coordinator)
    registration.refresh_from_db()
    assert registration.resident == known
    assert registration.phone == known.phone
    assert not Resident.objects.filter(pk=placeholder.pk).exists()
    assert AttendanceMark.objects.get().registration == registration


def test_merging_into_someone_already_in_the_class_is_refused_politely(
    coordinator, trainer, session, roster
):
    registration, _ = service.add_walk_in(
        session,
        client_uuid=uuid.uuid4(),
        name="二重",
        name_kana="にじゅう",
        made_at=timezone.now(),
        by=trainer,
    )
    walk_in = WalkIn.objects.get()
    with pytest.raises(service.AttendanceError, match="すでに申し込まれています"):
        service.merge_walk_in(walk_in, roster[0].resident, by=coordinator)
    registration.refresh_from_db()
    assert registration.resident.name == "二重"


# --- Authentication of the API --------------------------------------------------------


def test_sync_needs_a_signed_in_user(roster):
    assert _post(Client(), [_mark(roster[0])]).status_code == 401
    assert AttendanceMark.objects.count() == 0


def test_sync_needs_the_trainer_or_coordinator_role(staff_learner, roster):
    client = Client()
    client.force_login(staff_learner)
    assert _post(client, [_mark(roster[0])]).status_code == 403
    assert AttendanceMark.objects.count() == 0


def test_sync_needs_the_csrf_header_of_the_same_origin_page(trainer, session, roster):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainer)
    assert _post(client, [_mark(roster[0])]).status_code == 403
    page = client.get(f"/trainer/classes/{session.pk}/")
    token = page.cookies["csrftoken"].value
    response = _post(client, [_mark(roster[0])], HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert AttendanceMark.objects.count() == 1


def test_a_batch_too_large_is_refused_whole(trainer_client, roster):
    items = [_mark(roster[0]) for _ in range(service.MAX_BATCH_ITEMS + 1)]
    assert _post(trainer_client, items).status_code == 413
    assert AttendanceMark.objects.count() == 0


def test_today_api_lists_only_the_trainers_classes_with_masked_phones(
    trainer_client, trainer, other_trainer, session, roster
):
    ClassSessionFactory(lead_trainer=other_trainer)
    helped = ClassSessionFactory(starts_at=timezone.now() + dt.timedelta(days=1))
    helped.helpers.add(trainer)
    session.starts_at = timezone.now() + dt.timedelta(days=2)
    session.ends_at = session.starts_at + dt.timedelta(hours=2)
    session.save(update_fields=["starts_at", "ends_at"])
    ClassSessionFactory(lead_trainer=trainer, starts_at=timezone.now() + dt.timedelta(days=30))
    data = trainer_client.get("/api/v1/attendance/today").json()
    assert [c["id"] for c in data["classes"]] == [helped.pk, session.pk]
    people = data["classes"][1]["roster"]
    assert len(people) == 3
    for person, registration in zip(
        people, sorted(roster, key=lambda r: r.resident.name_kana), strict=True
    ):
        assert person["phone"].endswith(str(registration.phone)[-4:])
        assert "*" in person["phone"]
        assert str(registration.phone)[3:9] not in json.dumps(person)


def test_phone_numbers_are_masked_for_trainers():
    assert mask_phone("+819012345678") == "090-****-5678"
    assert mask_phone("+81427001234") == "042-***-1234"
    assert mask_phone(None) == ""


def test_helpers_needed_follow_one_helper_per_four_attendees():
    assert [rosters.helpers_needed(n) for n in (0, 1, 4, 5, 8, 9)] == [0, 1, 1, 2, 2, 3]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_replays_racing_each_other_store_each_mark_once(trainer, open_connections):
    """Two tablets (or a retry and its original) sending one batch at the same moment."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so nothing races")
    before = open_connections()
    session = ClassSessionFactory(lead_trainer=trainer)
    registrations = [RegistrationFactory(session=session) for _ in range(10)]
    batch = [_mark(r, minutes=i) for i, r in enumerate(registrations)]
    barrier = threading.Barrier(6)
    errors = []

    def replay():
        try:
            barrier.wait()
            service.apply_sync_batch(trainer, [dict(item) for item in batch])
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            # In this thread: close_old_connections() keeps a connection younger
            # than CONN_MAX_AGE, and no other thread can close it.
            connections.close_all()

    threads = [threading.Thread(target=replay) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AttendanceMark.objects.count() == 10
    assert open_connections(settled_at=before) == before


def test_the_today_api_needs_a_signed_in_trainer(staff_learner, trainer_client):
    assert Client().get("/api/v1/attendance/today").status_code == 401
    learner = Client()
    learner.force_login(staff_learner)
    assert learner.get("/api/v1/attendance/today").status_code == 403
    assert trainer_client.get("/api/v1/attendance/today").status_code == 200
