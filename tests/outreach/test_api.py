"""The JSON API for classes and registrations (DESIGN.md "HTTP")."""

import pytest

from outreach.models import ClassSession, Registration
from tests.factories import ClassSessionFactory, DistrictFactory, VenueFactory

pytestmark = pytest.mark.django_db


def _post(client, session, **body):
    payload = {"name": "相模 一郎", "name_kana": "さがみ いちろう", "phone": "090-1234-5678"}
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


def test_registering_through_the_api_confirms_then_waitlists(client):
    session = ClassSessionFactory(capacity=1)
    first = _post(client, session, phone="＋８１９０１２３４５６７８")
    assert first.status_code == 201
    assert first.json()["status"] == "confirmed" and first.json()["manage_token"]
    second = _post(client, session, phone="080-1234-5678", party_size=2)
    assert second.status_code == 201
    assert second.json()["status"] == "waitlisted" and second.json()["waitlist_position"] == 1


def test_the_same_phone_is_a_409(client):
    session = ClassSessionFactory()
    _post(client, session)
    response = _post(client, session, phone="09012345678")
    assert response.status_code == 409
    assert "すでに" in response.json()["detail"]


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


def test_the_openapi_document_describes_the_classes_api(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/classes/{class_id}/registrations" in doc["paths"]
    assert "/api/v1/registrations/{manage_token}" in doc["paths"]


def test_the_class_list_query_count_is_constant(client, django_assert_max_num_queries):
    """Guards the N+1 of venue, district, topic and seat counts per class in the API list."""
    for _ in range(10):
        ClassSessionFactory()
    with django_assert_max_num_queries(1):
        response = client.get("/api/v1/classes")
    assert response.status_code == 200
    assert len(response.json()) == 10
