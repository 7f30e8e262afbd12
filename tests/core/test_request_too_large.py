"""A body over DATA_UPLOAD_MAX_MEMORY_SIZE gets a polite 413, never a 500 or a bare 400."""

import json

import pytest
from django.test import Client

from tests.factories import ClassSessionFactory
from tests.messaging.conftest import twilio_post  # noqa: F401 - a fixture used below

LIMIT = 2_000
BIG = "あ" * LIMIT


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "expected"), [("", "大きすぎるため"), ("/en", "too large")])
def test_a_too_large_form_gets_a_413_page_in_the_readers_language(client, prefix, expected):
    session = ClassSessionFactory()
    response = client.post(f"{prefix}/classes/{session.pk}/register/", {"name": BIG})
    assert response.status_code == 413
    assert expected in response.content.decode()
    assert "<h1>" in response.content.decode()


@pytest.mark.django_db
def test_a_form_body_under_the_limit_is_still_read(client):
    session = ClassSessionFactory()
    response = client.post(f"/classes/{session.pk}/register/", {"name": "相模 一郎"})
    assert response.status_code in (200, 400)  # the form again, with its errors
    assert 'name="name_kana"' in response.content.decode()


@pytest.mark.django_db
def test_a_too_large_api_body_gets_a_json_413(client):
    session = ClassSessionFactory()
    response = client.post(
        f"/api/v1/classes/{session.pk}/registrations",
        json.dumps({"name": BIG}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert "大きすぎる" in response.json()["detail"]


def test_a_too_large_sync_batch_gets_a_json_413(trainer):
    client = Client()
    client.force_login(trainer)
    response = client.post(
        "/api/v1/attendance/sync",
        json.dumps({"items": [{"note": BIG}]}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["detail"]


@pytest.mark.django_db
def test_a_too_large_twilio_webhook_body_gets_a_413(twilio_post):  # noqa: F811
    assert twilio_post("/twilio/sms/", {"Body": BIG}).status_code == 413


@pytest.mark.django_db
def test_an_unreadable_api_request_stays_a_json_400(client):
    response = client.get("/api/v1/classes", {"district": "a\x00b"})
    assert response.status_code == 400
    assert response.json()["detail"]
