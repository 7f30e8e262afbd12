"""outreach.services.registration: seats, the waiting list, cancelling and moving."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from core.models import AuditEvent
from outreach.models import ClassSession, Registration
from outreach.services import (
    AlreadyRegistered,
    CancellationClosed,
    ClassNotOpen,
    cancel_class,
    cancel_registration,
    move_registration,
    promote_waitlist,
    register,
    update_class,
    waitlist_position,
)
from outreach.signals import class_changed, registration_changed
from tests.factories import (
    ClassSessionFactory,
    RegistrationFactory,
    consent,
)

pytestmark = pytest.mark.django_db(transaction=False)


def _register(session, n, **kwargs):
    kwargs.setdefault("channel", Registration.Channel.WEB)
    kwargs.setdefault("consent", consent())
    return register(
        session, name=f"住民{n}", name_kana=f"じゅうみん{n}", phone=f"090-1234-{n:04d}", **kwargs
    )


@pytest.fixture
def events():
    seen = []

    def on_registration(sender, registration, event, **kwargs):
        seen.append((event, registration.pk))

    def on_class(sender, session, event, **kwargs):
        seen.append((f"class-{event}", session.pk))

    registration_changed.connect(on_registration, dispatch_uid="test-events")
    class_changed.connect(on_class, dispatch_uid="test-class-events")
    yield seen
    registration_changed.disconnect(dispatch_uid="test-events")
    class_changed.disconnect(dispatch_uid="test-class-events")


def test_registrations_are_confirmed_until_the_class_is_full_then_waitlisted(
    django_capture_on_commit_callbacks, events
):
    session = ClassSessionFactory(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        regs = [_register(session, n) for n in range(4)]
    assert [r.status for r in regs] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert [waitlist_position(r) for r in regs] == [None, None, 1, 2]
    assert [e for e, _pk in events] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]


def test_a_couple_takes_two_seats_and_is_not_split():
    session = ClassSessionFactory(capacity=3)
    couple = _register(session, 1, party_size=2)
    second_couple = _register(session, 2, party_size=2)
    single = _register(session, 3)
    assert couple.status == "confirmed"
    assert second_couple.status == "waitlisted"
    # One seat is free, but the couple came first: nobody overtakes the list.
    assert single.status == "waitlisted"
    annotated = ClassSession.objects.with_seats_left().get(pk=session.pk)
    assert (annotated.confirmed_seats, annotated.seats_left, annotated.waitlist_length) == (2, 1, 2)


def test_cancellation_promotes_first_waitlisted_and_records_why(
    django_capture_on_commit_callbacks, events
):
    session = ClassSessionFactory(capacity=1)
    first, second, third = (_register(session, n) for n in range(3))
    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel_registration(first, reason="都合が悪くなった")
    assert [p.pk for p in promoted] == [second.pk]
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == "confirmed"
    assert "取り消し" in second.status_reason
    assert third.status == "waitlisted" and waitlist_position(third) == 1
    assert first.status == "cancelled"
    assert ("cancelled", first.pk) in events and ("promoted", second.pk) in events


def test_a_resident_cannot_cancel_after_the_class_has_started_but_the_desk_can(coordinator):
    start = timezone.now() - dt.timedelta(minutes=10)
    session = ClassSessionFactory(
        capacity=1, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    registration = RegistrationFactory(session=session)
    with pytest.raises(CancellationClosed):
        cancel_registration(registration, reason="本人")
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    cancel_registration(registration, reason="窓口で訂正", by=coordinator)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_cancelling_twice_changes_nothing():
    session = ClassSessionFactory(capacity=1)
    first, second, third = (_register(session, n) for n in range(3))
    cancel_registration(first, reason="x")
    assert cancel_registration(first, reason="x") == []
    third.refresh_from_db()
    assert third.status == "waitlisted"


def test_a_couple_leaving_the_head_of_the_list_lets_the_next_person_in():
    session = ClassSessionFactory(capacity=3)
    _register(session, 1, party_size=2)
    couple = _register(session, 2, party_size=2)
    single = _register(session, 3)
    promoted = cancel_registration(couple, reason="x")
    assert [p.pk for p in promoted] == [single.pk]


def test_raising_capacity_promotes_in_order_and_raises_the_sequence():
    session = ClassSessionFactory(capacity=1)
    regs = [_register(session, n) for n in range(4)]
    before = session.sequence
    promoted = update_class(session, capacity=3)
    assert [p.pk for p in promoted] == [regs[1].pk, regs[2].pk]
    assert "定員" in promoted[0].status_reason
    assert session.sequence == before + 1
    regs[3].refresh_from_db()
    assert regs[3].status == "waitlisted"


def test_lowering_capacity_keeps_everyone_confirmed():
    session = ClassSessionFactory(capacity=3)
    regs = [_register(session, n) for n in range(3)]
    update_class(session, capacity=1)
    assert Registration.objects.filter(pk__in=[r.pk for r in regs]).confirmed().count() == 3
    assert ClassSession.objects.with_seats_left().get(pk=session.pk).seats_left == 0


def test_the_same_person_cannot_hold_two_registrations_for_one_class():
    """Same phone and same name, however the spaces and digits were typed."""
    session = ClassSessionFactory()
    register(
        session,
        name="相模 一郎",
        name_kana="さがみ いちろう",
        phone="090-1111-2222",
        channel="web",
        consent=consent(),
    )
    with pytest.raises(AlreadyRegistered) as caught:
        register(
            session,
            name="相模　一郎",
            name_kana="",
            phone="０９０１１１１２２２２",
            channel="desk",
            consent=consent("desk_read_out"),
        )
    assert "すでに申し込まれています" in str(caught.value)
    assert Registration.objects.filter(session=session).count() == 1


def test_the_same_phone_may_register_again_after_cancelling():
    session = ClassSessionFactory()
    reg = _register(session, 1)
    cancel_registration(reg, reason="x")
    again = _register(session, 1)
    assert again.status == "confirmed"


def test_a_new_resident_is_created_with_consent_time_and_e164_phone():
    given = consent()
    reg = _register(ClassSessionFactory(), 7, language="en", age_band="70s", consent=given)
    resident = reg.resident
    assert str(resident.phone) == "+819012340007"
    assert resident.consented_at == given.at
    assert (resident.language, resident.age_band) == ("en", "70s")
    reg.refresh_from_db()
    assert (reg.consented_at, reg.consent_method) == (given.at, "web_form")
    assert (reg.name, reg.language, reg.age_band) == ("住民7", "en", "70s")


@pytest.mark.parametrize("status", [ClassSession.Status.DRAFT, ClassSession.Status.CANCELLED])
def test_a_class_that_is_not_published_refuses_registrations(status):
    with pytest.raises(ClassNotOpen):
        _register(ClassSessionFactory(status=status), 1)


def test_a_class_that_has_started_refuses_registrations_but_takes_walk_ins():
    start = timezone.now() - dt.timedelta(minutes=10)
    session = ClassSessionFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    with pytest.raises(ClassNotOpen):
        _register(session, 1)
    walk_in = register(
        session,
        name="当日 さん",
        name_kana="",
        phone=None,
        channel="walk_in",
        consent=consent("desk_in_person"),
    )
    assert walk_in.phone is None


def test_bad_input_is_refused_per_field():
    session = ClassSessionFactory()
    with pytest.raises(ValidationError) as caught:
        register(
            session,
            name="名前",
            name_kana="",
            phone="0120-123-456",
            channel="web",
            consent=consent(),
        )
    assert "phone" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        _register(session, 1, party_size=3)
    assert "party_size" in caught.value.message_dict
    assert Registration.objects.count() == 0


def test_cancelling_a_class_cancels_its_registrations_and_announces_once(
    django_capture_on_commit_callbacks, events, coordinator
):
    session = ClassSessionFactory(capacity=1)
    regs = [_register(session, n) for n in range(3)]
    events.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_class(session, reason="台風のため", by=coordinator)
    assert session.status == "cancelled"
    assert set(
        Registration.objects.filter(pk__in=[r.pk for r in regs]).values_list("status", flat=True)
    ) == {"cancelled"}
    assert events == [("class-cancelled", session.pk)]
    assert AuditEvent.objects.filter(action="outreach.cancel_class").exists()
    assert promote_waitlist(session, reason="x") == []


def test_moving_a_person_frees_their_seat_for_the_waiting_list(coordinator):
    old = ClassSessionFactory(capacity=1)
    new = ClassSessionFactory(capacity=5)
    mover = _register(old, 1, language="en")
    waiting = _register(old, 2)
    moved = move_registration(mover, new, by=coordinator)
    assert moved.session == new and moved.status == "confirmed"
    assert moved.resident_id == mover.resident_id
    moved.refresh_from_db()
    # What the registration was given with goes with it: name, language, consent.
    assert (moved.name, moved.language, moved.consent_method) == ("住民1", "en", "web_form")
    assert moved.consented_at == mover.consented_at
    mover.refresh_from_db()
    waiting.refresh_from_db()
    assert mover.status == "cancelled"
    assert waiting.status == "confirmed"


def test_moving_into_a_class_where_the_person_is_already_registered_is_refused():
    old, new = ClassSessionFactory(), ClassSessionFactory()
    mover = _register(old, 1)
    _register(new, 1)
    with pytest.raises(AlreadyRegistered):
        move_registration(mover, new)
    mover.refresh_from_db()
    assert mover.status == "confirmed"


def test_with_seats_left_counts_every_class_in_one_query(django_assert_num_queries):
    """Guards the N+1 of counting seats per class in the class finder."""
    for capacity in (1, 2, 3):
        session = ClassSessionFactory(capacity=capacity)
        _register(session, capacity * 10)
    with django_assert_num_queries(1):
        rows = list(ClassSession.objects.with_related().with_seats_left())
    assert [r.seats_left for r in rows] == [0, 1, 2]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PLACE_SQL runs only on PostgreSQL")
def test_the_one_round_trip_insert_decides_exactly_as_core_capacity_place():
    """PLACE_SQL is core.capacity.place() in SQL: the two must never drift apart."""
    from core import capacity
    from outreach.services.placing import PLACE_SQL

    grid = [
        (cap, taken, waiting, party)
        for cap in (0, 1, 2, 3, 40)
        for taken in (0, 1, 2, 3, 39, 40, 41)
        for waiting in (0, 1, 5)
        for party in (1, 2)
    ]
    rows = ", ".join(["(%s, %s, %s, %s)"] * len(grid))
    decision = PLACE_SQL.format(waiting="w", party="p", capacity="c", taken="t")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c, t, w, p, {decision} FROM (VALUES {rows}) AS g(c, t, w, p)",  # noqa: S608
            [value for combo in grid for value in combo],
        )
        decided = {tuple(row[:4]): row[4] for row in cursor.fetchall()}
    for cap, taken, waiting, party in grid:
        expected = capacity.place(capacity.Seats(cap, taken, waiting), party)
        assert decided[(cap, taken, waiting, party)] == expected, (cap, taken, waiting, party)


def test_a_class_cancelled_while_waiting_for_the_lock_takes_nobody():
    """The check before the lock saw it open; the check under the lock must refuse."""
    session = ClassSessionFactory(capacity=5)
    stale = ClassSession.objects.get(pk=session.pk)
    cancel_class(session, reason="台風")
    with pytest.raises(ClassNotOpen):
        _register(stale, 1)
    assert not Registration.objects.filter(session=session).active().exists()


def test_a_second_registration_of_a_person_is_refused_under_the_lock_and_keeps_nothing():
    session = ClassSessionFactory(capacity=5)
    first = _register(session, 1)
    with pytest.raises(AlreadyRegistered):
        _register(session, 1)
    assert list(Registration.objects.filter(session=session)) == [first]
    assert first.arrival_position is None and first.status == "confirmed"


@pytest.mark.parametrize("one_round_trip", [True, False], ids=["postgresql-way", "portable-way"])
def test_both_ways_of_placing_keep_the_same_person_rule(monkeypatch, one_round_trip):
    """place_locked and place_locked_postgresql refuse and accept exactly the same people."""
    if one_round_trip and connection.vendor != "postgresql":
        pytest.skip("the one-round-trip insert runs only on PostgreSQL")
    monkeypatch.setattr(
        "outreach.services.registration.can_place_in_one_round_trip", lambda: one_round_trip
    )
    session = ClassSessionFactory(capacity=2)
    first = register(
        session,
        name="相模 一郎",
        name_kana="",
        phone="042-700-1234",
        channel="web",
        consent=consent(),
    )
    # The same phone and name, typed differently: refused.
    with pytest.raises(AlreadyRegistered):
        register(
            session,
            name="相模一郎",
            name_kana="",
            phone="0427001234",
            channel="web",
            consent=consent(),
        )
    # The same resident from another phone: refused.
    with pytest.raises(AlreadyRegistered):
        register(
            session,
            name="",
            name_kana="",
            phone="090-5555-1111",
            channel="desk",
            consent=consent("desk_read_out"),
            resident=first.resident,
        )
    # Another person on the same line: a place, then the waiting list.
    spouse = register(
        session,
        name="相模 花子",
        name_kana="",
        phone="042-700-1234",
        channel="web",
        consent=consent(),
    )
    third = register(
        session,
        name="相模 祖母",
        name_kana="",
        phone="042-700-1234",
        channel="web",
        consent=consent(),
    )
    assert (first.status, spouse.status, third.status) == ("confirmed", "confirmed", "waitlisted")
    assert third.arrival_position == 1
    stored = Registration.objects.get(pk=spouse.pk)
    assert (stored.name, stored.name_key, stored.consent_method) == (
        "相模 花子",
        "相模花子",
        "web_form",
    )
