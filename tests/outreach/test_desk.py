"""The coordinator desk and trainers' rosters."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from outreach.models import ClassSession, Registration
from outreach.services import register
from tests.factories import (
    ClassSessionFactory,
    ResidentFactory,
    TopicFactory,
    VenueFactory,
    consent,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, coordinator_with_totp):
    client.force_login(coordinator_with_totp)
    return client


def test_the_coordinator_lands_on_the_desk(desk):
    response = desk.get(reverse("core:after-login"))
    assert response.url == reverse("outreach:desk-home")


def test_the_desk_home_query_count_is_constant(desk, django_assert_max_num_queries):
    """Guards the N+1 of venue, topic and seat counts per class on the desk's list."""
    for _ in range(3):
        ClassSessionFactory()
    assert desk.get(reverse("outreach:desk-home")).status_code == 200
    with django_assert_max_num_queries(30) as few:
        assert desk.get(reverse("outreach:desk-home")).status_code == 200
    for _ in range(10):
        ClassSessionFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert desk.get(reverse("outreach:desk-home")).status_code == 200


def test_a_phone_registration_is_one_post(desk, coordinator_with_totp):
    session = ClassSessionFactory()
    response = desk.post(
        reverse("outreach:desk-phone"),
        {
            "session": session.pk,
            "phone": "042-123-4567",
            "name": "津久井 ハナ",
            "name_kana": "つくい はな",
            "party_size": "2",
            "consent": "on",
            "consent_method": "desk_family",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.channel == "desk" and registration.party_size == 2
    assert registration.created_by == coordinator_with_totp
    assert registration.name == "津久井 ハナ"
    assert registration.consent_method == "desk_family" and registration.consented_at
    assert AuditEvent.objects.filter(action="outreach.register").exists()


def test_the_desk_form_asks_how_consent_was_given(desk):
    session = ClassSessionFactory()
    response = desk.post(
        reverse("outreach:desk-phone"),
        {"session": session.pk, "phone": "042-123-4567", "name": "津久井 ハナ", "party_size": "1"},
    )
    body = response.content.decode()
    assert "同意をいただいてから受け付けてください。" in body
    assert "同意をどのようにいただいたかを選んでください。" in body
    assert not Registration.objects.exists()


def test_choosing_a_found_resident_registers_that_person_under_their_own_name(desk):
    couple = [
        ResidentFactory(name="津久井 一郎", name_kana="つくい いちろう", phone="+81427001234"),
        ResidentFactory(name="津久井 花子", name_kana="つくい はなこ", phone="+81427001234"),
    ]
    session = ClassSessionFactory()
    page = desk.get(reverse("outreach:desk-phone"), {"q": "042-700-1234"}).content.decode()
    assert "津久井 一郎" in page and "津久井 花子" in page
    url = reverse("outreach:desk-phone") + f"?resident={couple[1].pk}"
    response = desk.post(
        url,
        {
            "session": session.pk,
            "phone": "042-700-1234",
            "party_size": "1",
            "consent": "on",
            "consent_method": "desk_read_out",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.resident == couple[1] and registration.name == "津久井 花子"


def test_a_returning_resident_is_found_by_phone_or_kana_and_prefilled(desk):
    resident = ResidentFactory(name="城山 トメ", name_kana="しろやま とめ", phone="+819055556666")
    ClassSessionFactory()
    assert (
        "城山 トメ"
        in desk.get(reverse("outreach:desk-phone"), {"q": "090-5555-6666"}).content.decode()
    )
    assert (
        "城山 トメ" in desk.get(reverse("outreach:desk-phone"), {"q": "しろやま"}).content.decode()
    )
    body = desk.get(reverse("outreach:desk-phone"), {"resident": resident.pk}).content.decode()
    assert 'value="090-5555-6666"' in body


def test_a_weekly_class_is_planned_in_one_form(desk, trainer):
    topic, venue = TopicFactory(), VenueFactory()
    day = timezone.localdate() + dt.timedelta(days=3)
    response = desk.post(
        reverse("outreach:desk-class-create"),
        {
            "topic": topic.pk,
            "venue": venue.pk,
            "capacity": 12,
            "loaner_devices": 3,
            "lead_trainer": trainer.pk,
            "date": day.isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "repeat_weeks": 3,
            "publish": "on",
        },
    )
    assert response.status_code == 302
    sessions = list(ClassSession.objects.order_by("starts_at"))
    assert len(sessions) == 4
    assert {s.status for s in sessions} == {"published"}
    assert [timezone.localtime(s.starts_at).date() for s in sessions] == [
        day + dt.timedelta(weeks=w) for w in range(4)
    ]


def test_raising_capacity_on_the_edit_form_promotes(desk):
    session = ClassSessionFactory(capacity=1)
    register(
        session, name="一", name_kana="", phone="090-4444-0001", channel="web", consent=consent()
    )
    waiting = register(
        session, name="二", name_kana="", phone="090-4444-0002", channel="web", consent=consent()
    )
    start = timezone.localtime(session.starts_at)
    desk.post(
        reverse("outreach:desk-class-edit", args=[session.pk]),
        {
            "topic": session.topic_id,
            "venue": session.venue_id,
            "capacity": 2,
            "loaner_devices": 0,
            "date": start.date().isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
        },
    )
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_moving_and_cancelling_from_the_roster(desk):
    session, other = ClassSessionFactory(capacity=1), ClassSessionFactory()
    reg = register(
        session, name="一", name_kana="", phone="090-4444-0001", channel="web", consent=consent()
    )
    desk.post(reverse("outreach:desk-registration-move", args=[reg.pk]), {"to_session": other.pk})
    assert Registration.objects.get(session=other).status == "confirmed"
    desk.post(reverse("outreach:desk-class-cancel", args=[other.pk]), {"reason": "会場の都合"})
    other.refresh_from_db()
    assert other.status == "cancelled" and other.cancellation_reason == "会場の都合"
    assert not Registration.objects.filter(session=other).active().exists()


def test_the_coordinator_sees_full_numbers_and_a_printable_sheet(desk):
    session = ClassSessionFactory()
    register(
        session,
        name="相模 一郎",
        name_kana="さがみ いちろう",
        phone="090-1234-5678",
        channel="web",
        consent=consent(),
    )
    assert (
        "090-1234-5678"
        in desk.get(reverse("outreach:desk-roster", args=[session.pk])).content.decode()
    )
    sheet = desk.get(reverse("outreach:desk-roster-print", args=[session.pk])).content.decode()
    assert "さがみ いちろう" in sheet and "□" in sheet


def test_a_trainer_sees_only_their_own_roster_with_masked_numbers(client, trainer, other_trainer):
    mine = ClassSessionFactory(lead_trainer=trainer)
    theirs = ClassSessionFactory(lead_trainer=other_trainer)
    register(
        mine,
        name="相模 一郎",
        name_kana="",
        phone="090-1234-5678",
        channel="web",
        consent=consent(),
    )
    client.force_login(trainer)
    body = client.get(reverse("outreach:desk-roster", args=[mine.pk])).content.decode()
    assert "090-****-5678" in body and "090-1234-5678" not in body
    assert client.get(reverse("outreach:desk-roster", args=[theirs.pk])).status_code == 403
    assert client.get(reverse("outreach:desk-home")).status_code == 403
    assert client.get(reverse("outreach:desk-phone")).status_code == 403


def test_the_roster_query_count_is_constant(desk, django_assert_max_num_queries):
    """Guards the N+1 of loading each registrant's resident on the roster."""
    session = ClassSessionFactory(capacity=30)
    register(
        session, name="一", name_kana="", phone="090-4444-0001", channel="web", consent=consent()
    )
    url = reverse("outreach:desk-roster", args=[session.pk])
    assert desk.get(url).status_code == 200
    with django_assert_max_num_queries(40) as few:
        assert desk.get(url).status_code == 200
    for n in range(2, 12):
        register(
            session,
            name="多",
            name_kana="",
            phone=f"090-4444-{n:04d}",
            channel="web",
            consent=consent(),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = desk.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("090-4444-") == 11
