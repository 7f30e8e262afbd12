"""outreach.services.registration: seats, the waiting list, cancelling and moving."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.models import AuditEvent
from outreach.models import ClassSession, Registration, Resident
from outreach.services import (
    AlreadyRegistered,
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
from tests.factories import ClassSessionFactory, DistrictFactory, ResidentFactory

pytestmark = pytest.mark.django_db(transaction=False)


def _register(session, n, **kwargs):
    kwargs.setdefault("channel", Registration.Channel.WEB)
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


def test_the_same_phone_cannot_hold_two_registrations_for_one_class():
    session = ClassSessionFactory()
    register(
        session, name="相模 一郎", name_kana="さがみ いちろう", phone="090-1111-2222", channel="web"
    )
    with pytest.raises(AlreadyRegistered) as caught:
        register(
            session, name="相模 一郎", name_kana="", phone="０９０１１１１２２２２", channel="desk"
        )
    assert "すでに申し込まれています" in str(caught.value)


def test_the_same_phone_may_register_again_after_cancelling():
    session = ClassSessionFactory()
    reg = _register(session, 1)
    cancel_registration(reg, reason="x")
    again = _register(session, 1)
    assert again.status == "confirmed"


def test_a_returning_resident_is_found_by_phone():
    district = DistrictFactory()
    resident = ResidentFactory(phone="+819012340000", district=None)
    reg = register(
        ClassSessionFactory(),
        name="別の書き方",
        name_kana="",
        phone="090-1234-0000",
        channel="desk",
        district=district,
    )
    assert reg.resident_id == resident.pk
    resident.refresh_from_db()
    assert resident.district == district
    assert Resident.objects.count() == 1


def test_a_new_resident_is_created_with_consent_time_and_e164_phone():
    reg = _register(ClassSessionFactory(), 7, language="en", age_band="70s")
    resident = reg.resident
    assert str(resident.phone) == "+819012340007"
    assert resident.consented_at is not None
    assert (resident.language, resident.age_band) == ("en", "70s")


@pytest.mark.parametrize("status", [ClassSession.Status.DRAFT, ClassSession.Status.CANCELLED])
def test_a_class_that_is_not_published_refuses_registrations(status):
    with pytest.raises(ClassNotOpen):
        _register(ClassSessionFactory(status=status), 1)


def test_a_class_that_has_started_refuses_registrations_but_takes_walk_ins():
    start = timezone.now() - dt.timedelta(minutes=10)
    session = ClassSessionFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    with pytest.raises(ClassNotOpen):
        _register(session, 1)
    walk_in = register(session, name="当日 さん", name_kana="", phone=None, channel="walk_in")
    assert walk_in.phone is None


def test_bad_input_is_refused_per_field():
    session = ClassSessionFactory()
    with pytest.raises(ValidationError) as caught:
        register(session, name="名前", name_kana="", phone="0120-123-456", channel="web")
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
    mover = _register(old, 1)
    waiting = _register(old, 2)
    moved = move_registration(mover, new, by=coordinator)
    assert moved.session == new and moved.status == "confirmed"
    assert moved.resident_id == mover.resident_id
    mover.refresh_from_db()
    waiting.refresh_from_db()
    assert mover.status == "cancelled"
    assert waiting.status == "confirmed"


def test_moving_into_a_class_where_the_phone_is_already_registered_is_refused():
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
