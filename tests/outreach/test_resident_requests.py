"""A resident asks the desk what is held about them, or to erase it now."""

import json

import pytest
from django.urls import reverse

from core.models import AuditEvent
from messaging.models import InboundMessage, Message, OptOut
from outreach.models import AttendanceMark, Registration, Resident
from outreach.services.erasure import ERASED_NAME
from tests.factories import RegistrationFactory, ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, coordinator_with_totp):
    client.force_login(coordinator_with_totp)
    return client


@pytest.fixture
def held():
    resident = ResidentFactory(name="相模 花子", name_kana="さがみ はなこ", phone="+819012340001")
    registration = RegistrationFactory(resident=resident)
    other = RegistrationFactory()  # someone else's data must not appear
    AttendanceMark.objects.create(
        client_uuid="0b6f5c1e-1d2c-4a3b-9e8f-7a6b5c4d3e2f",
        session=registration.session,
        registration=registration,
        kind="attendance",
        value="present",
        made_at=registration.session.starts_at,
    )
    Message.objects.create(
        registration=registration,
        resident=resident,
        to="+819012340001",
        channel="sms",
        purpose="confirmation",
        body="お申し込みを受け付けました",
        due_at=registration.session.starts_at,
    )
    InboundMessage.objects.create(
        kind="sms", from_number="+819012340001", body="よろしくお願いします", provider_id="SM1"
    )
    OptOut.objects.create(phone="+819012340001", source="desk")
    AuditEvent.objects.create(
        action="outreach.register",
        object_type="outreach.registration",
        object_id=str(registration.pk),
    )
    return resident, registration, other


def test_the_json_export_holds_registrations_consents_messages_attendance_and_audit(desk, held):
    resident, registration, other = held
    response = desk.get(
        reverse("outreach:desk-resident-record", args=[resident.pk]), {"format": "json"}
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["resident"][0]["name"] == "相模 花子"
    assert [r["id"] for r in data["registrations"]] == [registration.pk]
    assert data["registrations"][0]["consented_at"] is not None
    assert [m["value"] for m in data["attendance"]] == ["present"]
    assert [m["body"] for m in data["messages"]] == ["お申し込みを受け付けました"]
    assert [m["body"] for m in data["inbound"]] == ["よろしくお願いします"]
    assert [o["phone"] for o in data["optouts"]] == ["+819012340001"]
    assert "outreach.register" in [a["action"] for a in data["audit"]]
    assert other.name not in response.content.decode()


def test_the_printable_record_is_readable_and_each_export_is_audit_logged(desk, held):
    resident, _, _ = held
    response = desk.get(reverse("outreach:desk-resident-record", args=[resident.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "相模 花子" in page and "お申し込みを受け付けました" in page and "申込と同意" in page
    desk.get(reverse("outreach:desk-resident-record", args=[resident.pk]), {"format": "json"})
    formats = AuditEvent.objects.filter(
        action="outreach.export_resident", object_id=str(resident.pk)
    ).values_list("detail__format", flat=True)
    assert sorted(formats) == ["json", "print"]


def test_erasing_asks_for_a_reason_and_a_tick_and_keeps_everything_until_both(desk, held):
    resident, _, _ = held
    url = reverse("outreach:desk-resident-erase", args=[resident.pk])
    assert "消去の理由" in desk.get(url).content.decode()
    response = desk.post(url, {"reason": "本人から電話で依頼"})
    assert response.status_code == 200
    assert "入力に直すところがあります" in response.content.decode()
    assert Resident.objects.get(pk=resident.pk).name == "相模 花子"


def test_erasing_now_anonymises_at_once_and_is_audit_logged(desk, held, coordinator_with_totp):
    resident, registration, other = held
    url = reverse("outreach:desk-resident-erase", args=[resident.pk])
    response = desk.post(url, {"reason": "本人から電話で依頼", "confirm": "on"})
    assert response.status_code == 302
    resident.refresh_from_db()
    registration.refresh_from_db()
    assert (resident.name, resident.phone, resident.anonymised_at is not None) == (
        ERASED_NAME,
        None,
        True,
    )
    assert registration.status == Registration.Status.CANCELLED  # its class is next week
    assert Message.objects.get(registration=registration).body == ""
    assert InboundMessage.objects.get(provider_id="SM1").body == ""
    event = AuditEvent.objects.get(action="outreach.anonymise")
    assert (event.actor, event.detail["reason"]) == (coordinator_with_totp, "本人から電話で依頼")
    assert Registration.objects.get(pk=other.pk).name != ERASED_NAME
    # A second visit says it is done and offers no second erasure.
    page = desk.get(url, follow=True).content.decode()
    assert "すでに消去しています" in page


def test_trainers_cannot_export_or_erase(client, trainer, held):
    resident, _, _ = held
    client.force_login(trainer)
    for name in ("outreach:desk-resident-record", "outreach:desk-resident-erase"):
        assert client.get(reverse(name, args=[resident.pk])).status_code == 403
    assert (
        client.post(
            reverse("outreach:desk-resident-erase", args=[resident.pk]),
            {"reason": "x", "confirm": "on"},
        ).status_code
        == 403
    )
    assert Resident.objects.get(pk=resident.pk).anonymised_at is None
