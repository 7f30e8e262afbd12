"""The JSON API for classes and registrations (DESIGN.md "HTTP")."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from outreach.models import ClassSession, Registration, Resident
from tests.factories import (
    ClassSessionFactory,
    DistrictFactory,
    RegistrationFactory,
    ResidentFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def _post(client, session, **body):
    payload = {
        "name": "相模 一郎",
        "name_kana": "さがみ いちろう",
        "phone": "090-1234-5678",
        "consent": True,
    }
    payload.update(body)
    return client.post(
        f"/api/v1/classes/{session.pk}/registrations", payload, content_type="application/json"
    )


def test_classes_are_listed_with_seats_and_filtered_by_district(client):
    fujino = DistrictFactory(code="fujino", is_mountainous=True)
    here = ClassSessionFactory(venue=VenueFactory(district=fujino), capacity=4)
    ClassSessionFactory()
    ClassSessionFactory(status=ClassSession.Status.DRAFT)
    data = client.get("/api/v1/classes", {"district": "fujino"}).json()
    assert [c["id"] for c in data] == [here.pk]
    item = data[0]
    assert item["seats_left"] == 4 and item["waitlist_length"] == 0
    assert item["venue"]["mountainous"] is True
    assert item["start"].endswith("+09:00")


def test_a_class_is_read_by_id_and_a_missing_one_is_a_json_404(client):
    session = ClassSessionFactory()
    assert client.get(f"/api/v1/classes/{session.pk}").json()["id"] == session.pk
    response = client.get("/api/v1/classes/999999")
    assert response.status_code == 404 and "detail" in response.json()


def test_registering_for_a_missing_class_is_a_json_404_and_leaves_nobody_behind(client):
    response = client.post(
        "/api/v1/classes/999999/registrations",
        {"name": "相模 一郎", "name_kana": "", "phone": "042-700-1234", "consent": True},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert "見つかりません" in response.json()["detail"]
    assert not Resident.objects.exists()


def test_registering_through_the_api_confirms_then_waitlists(client):
    session = ClassSessionFactory(capacity=1)
    first = _post(client, session, phone="＋８１９０１２３４５６７８")
    assert first.status_code == 201
    assert first.json()["status"] == "confirmed" and first.json()["manage_token"]
    second = _post(client, session, phone="080-1234-5678", party_size=2)
    assert second.status_code == 201
    assert second.json()["status"] == "waitlisted" and second.json()["waitlist_position"] == 1


def test_the_same_person_is_a_409(client):
    session = ClassSessionFactory()
    _post(client, session)
    response = _post(client, session, phone="09012345678", name="相模　一郎")
    assert response.status_code == 409
    assert "すでに" in response.json()["detail"]


def test_two_people_on_one_phone_both_register(client):
    session = ClassSessionFactory()
    assert _post(client, session, name="相模 一郎").status_code == 201
    assert _post(client, session, name="相模 花子").status_code == 201
    assert Registration.objects.filter(session=session).confirmed().count() == 2


def test_a_stranger_registering_through_the_api_changes_and_learns_nothing(client):
    known = ResidentFactory(
        name="城山 トメ", phone="+819012345678", language="ja", age_band="80plus"
    )
    before = (known.name, known.language, known.district_id, known.age_band, known.updated_at)
    response = _post(client, ClassSessionFactory(), name="知らない 人", language="en")
    assert response.status_code == 201
    assert "城山" not in response.content.decode()
    known.refresh_from_db()
    assert (
        known.name,
        known.language,
        known.district_id,
        known.age_band,
        known.updated_at,
    ) == before
    registration = Registration.objects.get()
    assert (registration.name, registration.language) == ("知らない 人", "en")
    assert registration.consent_method == "api" and registration.consented_at is not None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"consent": False}, "consent"),
        ({"consent": "true"}, "consent"),
        ({"consent": 1}, "consent"),
        ({"consent": None}, "consent"),
        ({"needs_loaner_device": "true"}, "needs_loaner_device"),
        ({"party_size": "1"}, "party_size"),
        ({"party_size": True}, "party_size"),
        ({"language": "fr"}, "language"),
        ({"language": "EN"}, "language"),
        ({"nickname": "いっちゃん"}, "nickname"),
        ({"name": ""}, "name"),
    ],
)
def test_what_the_schema_does_not_describe_is_refused_per_field(client, change, field):
    response = _post(client, ClassSessionFactory(), **change)
    assert response.status_code == 422
    messages = response.json()["errors"][field]
    assert messages and all(messages)
    assert Registration.objects.count() == 0 and Resident.objects.count() == 0


def test_a_missing_consent_is_refused_with_a_message_in_japanese(client):
    body = {"name": "相模 一郎", "phone": "090-1234-5678"}
    response = client.post(
        f"/api/v1/classes/{ClassSessionFactory().pk}/registrations",
        body,
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"]["consent"] == ["入力してください。"]
    response = _post(client, ClassSessionFactory(), consent=False)
    assert "同意" in response.json()["errors"]["consent"][0]


def test_every_language_of_the_site_is_accepted(client, settings):
    session = ClassSessionFactory(capacity=20)
    for n, (code, _name) in enumerate(settings.LANGUAGES):
        response = _post(client, session, language=code, phone=f"090-2000-{n:04d}")
        assert response.status_code == 201, (code, response.content)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("not json", "application/json"),
        ('{"name": ', "application/json"),
        ("name=相模&phone=09012345678&consent=true", "application/x-www-form-urlencoded"),
        ('{"name": "相模 一郎", "phone": "090-1234-5678", "consent": true}', "text/plain"),
        (b"\xff\xfe\x00", "application/json"),
    ],
)
def test_a_body_that_is_not_json_gets_a_json_400(client, body, content_type):
    response = client.post(
        f"/api/v1/classes/{ClassSessionFactory().pk}/registrations",
        body,
        content_type=content_type,
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]
    assert Registration.objects.count() == 0


# JSON escapes, exactly as a client would send them: NUL, and lone UTF-16 surrogates.
@pytest.mark.parametrize("bad", [r"相模\u0000一郎", r"\ud800", r"a\udfffb"])
@pytest.mark.parametrize("field", ["name", "name_kana", "phone", "district"])
def test_characters_the_database_cannot_store_are_refused_in_every_body_field(client, bad, field):
    body = {"name": "相模 一郎", "phone": "090-1234-5678", "consent": True, field: "BAD"}
    response = client.post(
        f"/api/v1/classes/{ClassSessionFactory().pk}/registrations",
        json.dumps(body).replace('"BAD"', f'"{bad}"'),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert "使えない文字" in response.json()["errors"][field][0]
    assert Registration.objects.count() == 0


def test_characters_the_database_cannot_store_are_refused_in_queries_and_paths(client):
    response = client.get("/api/v1/classes", {"district": "fuji\x00no"})
    assert response.status_code == 400
    assert "使えない文字" in response.json()["detail"]
    assert client.get("/api/v1/classes", {"topic": "\x00"}).status_code == 400
    assert client.delete("/api/v1/registrations/abc%00def").status_code == 400


@pytest.mark.parametrize("class_id", ["0", "-1", "99999999999999999999999"])
def test_a_class_id_that_cannot_name_a_row_is_refused_not_a_500(client, class_id):
    assert client.get(f"/api/v1/classes/{class_id}").status_code == 422
    assert _post_to(client, class_id).status_code == 422


def _post_to(client, class_id):
    body = {"name": "相模 一郎", "phone": "090-1234-5678", "consent": True}
    return client.post(
        f"/api/v1/classes/{class_id}/registrations", body, content_type="application/json"
    )


def test_bad_input_gets_per_field_errors(client):
    session = ClassSessionFactory()
    response = _post(client, session, phone="0120-000-000")
    assert response.status_code == 422
    assert "フリーダイヤル" in response.json()["errors"]["phone"][0]
    response = _post(client, session, party_size="many")
    assert response.status_code == 422 and "party_size" in response.json()["errors"]
    response = _post(client, session, party_size=3)
    assert response.status_code == 422 and "party_size" in response.json()["errors"]
    assert Registration.objects.count() == 0


def test_a_cancelled_class_refuses_with_json(client):
    session = ClassSessionFactory(status=ClassSession.Status.CANCELLED)
    response = _post(client, session)
    assert response.status_code == 409 and "中止" in response.json()["detail"]


def test_delete_after_the_class_has_started_cancels_nothing(client):
    start = timezone.now() - dt.timedelta(minutes=5)
    registration = RegistrationFactory(
        session=ClassSessionFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    )
    response = client.delete(f"/api/v1/registrations/{registration.manage_token}")
    assert response.status_code == 409
    assert "始まっている" in response.json()["detail"]
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_delete_cancels_and_promotes(client):
    session = ClassSessionFactory(capacity=1)
    token = _post(client, session).json()["manage_token"]
    _post(client, session, phone="080-1234-5678")
    response = client.delete(f"/api/v1/registrations/{token}")
    assert response.status_code == 200
    assert response.json() == {"status": "cancelled", "promoted": 1}


def test_registration_is_rate_limited_with_a_json_429(client, settings, rate_limit_window):
    settings.REGISTRATION_RATE_LIMIT = "1/m"
    session = ClassSessionFactory()
    _post(client, session)
    response = _post(client, session, phone="080-1234-5678")
    assert response.status_code == 429 and "detail" in response.json()


def test_the_openapi_document_lists_every_status_code_of_each_endpoint(client):
    doc = client.get("/api/v1/openapi.json").json()
    codes = {
        (path, method): set(operation["responses"])
        for path, operations in doc["paths"].items()
        for method, operation in operations.items()
    }
    assert codes[("/api/v1/classes", "get")] == {"200", "400", "422"}
    assert codes[("/api/v1/classes/{class_id}", "get")] == {"200", "400", "404", "422"}
    assert codes[("/api/v1/classes/{class_id}/registrations", "post")] == {
        "201",
        "400",
        "404",
        "409",
        "422",
        "429",
    }
    assert codes[("/api/v1/registrations/{manage_token}", "delete")] == {
        "200",
        "400",
        "404",
        "409",
        "422",
    }
    body = doc["components"]["schemas"]["RegistrationIn"]
    assert body["additionalProperties"] is False
    assert body["properties"]["consent"]["const"] is True
    assert "consent" in body["required"]


def test_the_class_list_query_count_is_constant(client, django_assert_max_num_queries):
    """Guards the N+1 of venue, district, topic and seat counts per class in the API list."""
    for _ in range(10):
        ClassSessionFactory()
    with django_assert_max_num_queries(1):
        response = client.get("/api/v1/classes")
    assert response.status_code == 200
    assert len(response.json()) == 10


@pytest.mark.parametrize("value", ["0", "1700000000", "1.5", "2026-4-1", "20260401"])
def test_a_date_in_the_query_is_a_calendar_date_never_a_number(client, value):
    """pydantic would read "0" as 1970-01-01 (a Unix time): the document says YYYY-MM-DD."""
    response = client.get("/api/v1/classes", {"from": value})
    assert response.status_code == 422, response.content
    assert response.json()["errors"]["from"] == ["日付は 2026-04-01 の形で送ってください。"]
    assert client.get("/api/v1/classes", {"from": "2026-04-01"}).status_code == 200
