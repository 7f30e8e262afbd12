"""Content-Security-Policy and Permissions-Policy on representative pages."""

import pytest
from django.test import Client

from tests.factories import ClassSessionFactory


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _directives(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "who"),
    [
        ("/", None),
        ("/classes/", None),
        ("/en/classes/", None),
        ("/classes/{pk}/register/", None),
        ("/api/v1/classes", None),
        ("/healthz", None),
        ("/no-such-page/", None),
        ("/accounts/login/", None),
        ("/trainer/", "trainer"),
        ("/trainer/sw.js", "trainer"),
        ("/training/", "staff_learner"),
    ],
)
def test_every_page_has_a_strict_policy(path, who, request):
    session = ClassSessionFactory()
    user = request.getfixturevalue(who) if who else None
    response = _client(user).get(path.format(pk=session.pk))
    directives = _directives(response)
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


@pytest.mark.django_db
def test_only_wagtails_admin_may_run_inline_scripts(editor):
    response = _client(editor).get("/admin/")
    assert response.status_code == 200
    directives = _directives(response)
    assert directives["script-src"] == "'self' 'unsafe-inline'"
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_error_pages_have_the_policy_too(client):
    response = client.get("/api/v1/classes", {"district": "\x00"})
    assert response.status_code == 400
    assert _directives(response)["script-src"] == "'self'"
