"""The desk's call-back list for unconfirmed names, and correcting a resident."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from outreach.models import Registration, Resident
from outreach.names import UNCONFIRMED_NAME
from outreach.services import register
from tests.factories import ClassSessionFactory, ResidentFactory, consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, coordinator_with_totp):
    client.force_login(coordinator_with_totp)
    return client


def _voice(session, phone="042-700-1234"):
    return register(
        session,
        name="",
        name_kana="",
        phone=phone,
        channel="voice",
        consent=consent("voice_keypad"),
        name_confirmed=False,
    )


def test_the_call_back_list_shows_unconfirmed_phone_registrations_and_who_is_on_file(desk):
    on_file = ResidentFactory(name="津久井 花子", phone="+81427001234")
    waiting = _voice(ClassSessionFactory())
    register(
        ClassSessionFactory(),
        name="ウェブ 太郎",
        name_kana="",
        phone="090-3333-0000",
        channel="web",
        consent=consent(),
    )
    response = desk.get(reverse("outreach:desk-callbacks"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "042-700-1234" in body and on_file.name in body
    assert reverse("outreach:desk-callback-confirm", args=[waiting.pk]) in body
    assert "ウェブ 太郎" not in body


def test_the_call_back_list_leaves_out_classes_that_have_started(desk):
    start = timezone.now() - dt.timedelta(minutes=1)
    session = ClassSessionFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    Registration.objects.filter(pk=_voice(ClassSessionFactory()).pk).update(session=session)
    body = desk.get(reverse("outreach:desk-callbacks")).content.decode()
    assert "お名前の確認が必要な申込はありません。" in body


def test_the_call_back_list_query_count_is_constant(desk, django_assert_max_num_queries):
    """Guards the N+1 of loading each row's class, venue and the residents on file by phone."""
    _voice(ClassSessionFactory(), phone="042-700-0001")
    url = reverse("outreach:desk-callbacks")
    assert desk.get(url).status_code == 200
    with django_assert_max_num_queries(30) as few:
        assert desk.get(url).status_code == 200
    for n in range(2, 12):
        ResidentFactory(phone=f"+8142700{n:04d}")
        _voice(ClassSessionFactory(), phone=f"042-700-{n:04d}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert desk.get(url).status_code == 200


def test_the_desk_confirms_a_name_heard_on_the_call_back(desk, coordinator_with_totp):
    registration = _voice(ClassSessionFactory())
    response = desk.post(
        reverse("outreach:desk-callback-confirm", args=[registration.pk]),
        {"name": "藤野 ハル", "name_kana": "ふじの はる"},
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.name, registration.name_confirmed) == ("藤野 ハル", True)
    assert registration.resident.name == "藤野 ハル"
    event = AuditEvent.objects.get(action="outreach.confirm_name")
    assert event.actor == coordinator_with_totp


def test_the_desk_attaches_a_call_to_a_resident_on_file_with_that_number_only(desk):
    registration = _voice(ClassSessionFactory())
    elsewhere = ResidentFactory(name="別の 人", phone="+819000000001")
    url = reverse("outreach:desk-callback-attach", args=[registration.pk])
    desk.post(url, {"resident": elsewhere.pk})
    registration.refresh_from_db()
    assert registration.name == UNCONFIRMED_NAME
    on_file = ResidentFactory(name="津久井 花子", phone="+81427001234")
    desk.post(url, {"resident": on_file.pk})
    registration.refresh_from_db()
    assert registration.resident == on_file and registration.name == "津久井 花子"
    assert registration.name_confirmed


def test_a_name_already_in_the_class_gets_a_message_not_an_error(desk):
    session = ClassSessionFactory()
    register(
        session,
        name="藤野 ハル",
        name_kana="",
        phone="042-700-1234",
        channel="web",
        consent=consent(),
    )
    registration = _voice(session)
    response = desk.post(
        reverse("outreach:desk-callback-confirm", args=[registration.pk]),
        {"name": "藤野 ハル"},
        follow=True,
    )
    assert response.status_code == 200
    assert "すでに申し込まれています" in response.content.decode()


def test_a_coordinator_corrects_a_resident_and_the_audit_log_says_which_fields(
    desk, coordinator_with_totp
):
    resident = ResidentFactory(name="城山 トメ", name_kana="しろやま とめ", phone="+81427001234")
    url = reverse("outreach:desk-resident", args=[resident.pk])
    assert resident.name in desk.get(url).content.decode()
    response = desk.post(
        url,
        {
            "name": "城山 とめ",
            "name_kana": "しろやま とめ",
            "phone": "042-700-1234",
            "district": resident.district_id,
            "age_band": "",
            "language": "ja",
            "contact_preference": "auto",
        },
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.name == "城山 とめ"
    event = AuditEvent.objects.get(action="outreach.correct_resident")
    assert event.detail == {"changed": ["name"]} and event.actor == coordinator_with_totp


def test_trainers_cannot_open_the_desks_people_pages(client, trainer):
    registration = _voice(ClassSessionFactory())
    resident = Resident.objects.get()
    client.force_login(trainer)
    assert client.get(reverse("outreach:desk-callbacks")).status_code == 403
    assert client.get(reverse("outreach:desk-resident", args=[resident.pk])).status_code == 403
    url = reverse("outreach:desk-callback-confirm", args=[registration.pk])
    assert client.post(url, {"name": "x"}).status_code == 403


def test_a_resident_without_kana_can_be_corrected(desk):
    resident = ResidentFactory(name="当日 参加", name_kana="", phone=None)
    response = desk.post(
        reverse("outreach:desk-resident", args=[resident.pk]),
        {
            "name": "当日 参加者",
            "name_kana": "",
            "phone": "",
            "language": "ja",
            "age_band": "",
            "contact_preference": "auto",
        },
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.name == "当日 参加者"
