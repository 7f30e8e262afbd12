"""The private manage page: how we will reach the resident, and cancelling in two steps."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

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


def _cancel_url(registration) -> str:
    return reverse("outreach:registration-cancel", args=[registration.manage_token])


def _manage_url(registration) -> str:
    return reverse("outreach:registration-manage", args=[registration.manage_token])


def test_the_manage_page_links_to_the_cancel_page_and_has_no_one_tap_cancel(client):
    registration = RegistrationFactory()
    body = client.get(_manage_url(registration)).content.decode()
    assert f'href="{_cancel_url(registration)}"' in body
    assert 'method="post"' not in body


def test_the_cancel_page_asks_and_changes_nothing(client):
    registration = RegistrationFactory()
    response = client.get(_cancel_url(registration))
    body = response.content.decode()
    assert response.status_code == 200
    assert "申込を取り消しますか" in body
    assert f'<form method="post" action="{_manage_url(registration)}"' in body
    assert ">取り消す</button>" in body
    assert f'href="{_manage_url(registration)}">取り消さない</a>' in body
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_the_cancel_pages_form_cancels(client):
    registration = RegistrationFactory()
    response = client.post(_manage_url(registration))
    assert response.status_code == 302 and response.url == _manage_url(registration)
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert "取り消されています" in client.get(response.url).content.decode()


def test_the_keep_button_returns_to_the_manage_page_unchanged(client):
    registration = RegistrationFactory()
    body = client.get(_cancel_url(registration)).content.decode()
    keep = body.split(">取り消さない</a>")[0].rsplit('href="', 1)[1].split('"')[0]
    page = client.get(keep)
    assert page.status_code == 200 and "申込を受け付けました" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_the_cancel_page_does_not_take_a_post(client):
    registration = RegistrationFactory()
    assert client.post(_cancel_url(registration)).status_code == 405
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_the_cancel_page_of_a_cancelled_or_started_class_goes_back_to_the_manage_page(client):
    started = timezone.now() - dt.timedelta(minutes=5)
    for registration in (
        RegistrationFactory(status=Registration.Status.CANCELLED),
        RegistrationFactory(
            session=ClassSessionFactory(starts_at=started, ends_at=started + dt.timedelta(hours=2))
        ),
    ):
        response = client.get(_cancel_url(registration))
        assert response.status_code == 302 and response.url == _manage_url(registration)


def test_an_unknown_token_has_no_cancel_page(client):
    assert client.get(reverse("outreach:registration-cancel", args=["nope"])).status_code == 404
