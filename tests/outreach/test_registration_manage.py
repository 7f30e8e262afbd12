"""The private manage page: how we will reach the resident, and cancelling in two steps."""

import pytest
from django.urls import reverse

from outreach.models import Registration
from tests.factories import ClassSessionFactory, RegistrationFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def _register(client, phone: str, prefix: str = "") -> str:
    session = ClassSessionFactory()
    response = client.post(
        prefix + reverse("outreach:class-register", args=[session.pk]),
        {
            "name": "藤野 花子",
            "name_kana": "ふじの はなこ",
            "phone": phone,
            "party_size": "1",
            "phone_kind": "android",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    return client.get(response.url).content.decode()


def test_the_confirmation_names_the_masked_mobile_and_sms(client):
    body = _register(client, "090-1234-5678")
    assert "090-****-5678 にSMSでお知らせします。" in body
    assert "1234" not in body and "9012345678" not in body


def test_the_confirmation_names_the_masked_landline_and_the_voice_call(client):
    body = _register(client, "042-123-4567")
    assert "042-***-4567 に自動音声の電話でお知らせします。" in body
    assert "123-4567" not in body and "421234567" not in body


def test_the_confirmation_in_english_says_the_same(client):
    body = _register(client, "090-1234-5678", prefix="/en")
    assert "090-****-5678" in body and "text message" in body
    assert "1234" not in body


@pytest.mark.parametrize(
    ("preference", "wording"),
    [
        ("voice", "090-****-0042 に自動音声の電話でお知らせします。"),
        ("none", "SMSや電話でのお知らせはしません。"),
    ],
)
def test_the_manage_page_follows_the_residents_contact_preference(client, preference, wording):
    registration = RegistrationFactory(
        resident=ResidentFactory(phone="+819011110042", contact_preference=preference)
    )
    url = reverse("outreach:registration-manage", args=[registration.manage_token])
    body = client.get(url).content.decode()
    assert wording in body
    assert "SMSでお知らせします" not in body


def test_a_cancelled_registration_does_not_promise_a_message(client):
    registration = RegistrationFactory(status=Registration.Status.CANCELLED)
    url = reverse("outreach:registration-manage", args=[registration.manage_token])
    assert "お知らせの送り先" not in client.get(url).content.decode()
