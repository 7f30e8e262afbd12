"""NUL characters in an address, a query or a cookie get a polite 400, never a 500.

PostgreSQL cannot store or compare text containing NUL: a manage link
/r/abc%00/ or a session cookie "abc\\000…" reached the database and failed
there with a 500 (SQLite let them through).
"""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/r/abc%00def/",
        "/calendar/abc%00.ics",
        "/classes/?district=%00",
        "/classes/1/register/?x=a%00b",
        "/help/search/?q=%00",
    ],
)
def test_a_nul_in_the_address_or_query_is_refused_politely(client, url):
    response = client.get(url)
    assert response.status_code == 400
    body = response.content.decode()
    assert "使えない文字" in body and "cannot be used" in body


def test_a_nul_in_an_api_address_is_refused_with_json(client):
    response = client.delete("/api/v1/registrations/abc%00def")
    assert response.status_code == 400
    assert "使えない文字" in response.json()["detail"]


def test_a_session_cookie_with_a_nul_is_refused_not_looked_up(client):
    # The octal escape inside a quoted cookie value is how a NUL travels in plain ASCII.
    client.cookies["sessionid"] = "abcdefghij\x00klm"
    assert client.get("/api/v1/attendance/today").status_code == 400
    assert client.get("/classes/").status_code == 400


def test_ordinary_requests_pass(client):
    assert client.get("/classes/?district=").status_code == 200
