"""Sign-in through the city's OpenID Connect provider, against a real provider process.

The provider is allauth's own identity-provider app in a project of its own
(tests/oidc_idp), started on 127.0.0.1. Each test drives the whole
authorization-code flow over HTTP with one requests session, as a browser
would: Tsunagu's button, the provider's sign-in and consent forms, the
callback, and Tsunagu's own server-to-server code exchange with the provider.
"""

import json
import os
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from core.roles import Role
from tests.conftest import ensure_migration_data
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "tsunagu"
CLIENT_SECRET = "tsunagu-test-client-secret"
IDP_PASSWORD = "provider-password-123"
PEOPLE = [
    {"email": "hanako@city.example.jp"},
    {"email": "coordinator@city.example.jp"},
    {"email": "leaver@city.example.jp"},
    {"email": "stranger@city.example.jp"},
    # The provider knows this address but has not verified it: it must match nothing.
    {"email": "unverified@city.example.jp", "verified": False},
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def identity_provider(live_server, tmp_path_factory):
    """The provider's base URL (its issuer), with Tsunagu registered as a client."""
    workdir = tmp_path_factory.mktemp("idp")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_idp.settings",
        "IDP_DATABASE": str(workdir / "idp.sqlite3"),
        "IDP_OIDC_PRIVATE_KEY": pem,
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "-v0"], env=env, cwd=ROOT, check=True
    )
    spec = {
        "client": {
            "id": CLIENT_ID,
            "secret": CLIENT_SECRET,
            "redirect_uris": [f"{live_server.url}/accounts/oidc/city/login/callback/"],
        },
        "people": [{"password": IDP_PASSWORD, **person} for person in PEOPLE],
    }
    subprocess.run(
        [sys.executable, "-m", "tests.oidc_idp.seed", json.dumps(spec)],
        env=env,
        cwd=ROOT,
        check=True,
    )
    port = _free_port()
    log_path = workdir / "idp.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    requests.get(f"{url}/.well-known/openid-configuration", timeout=2)
                    break
                except requests.ConnectionError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError(
                            f"the identity provider did not start:\n{log_path.read_text()}"
                        ) from None
                    time.sleep(0.2)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture
def city_sign_in(identity_provider, settings, transactional_db):
    """Tsunagu configured as OIDC_SERVER_URL etc. would configure it."""
    ensure_migration_data()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "SCOPE": ["openid", "email", "profile"],
            "APPS": [
                {
                    "provider_id": "city",
                    "name": "City",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": identity_provider},
                }
            ],
        }
    }
    return identity_provider


class _Forms(HTMLParser):
    """The forms of a page: action, and the values a browser would submit by default."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "fields": []})
        elif tag == "input" and self.forms and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.forms[-1]["fields"].append((attrs["name"], attrs.get("value", "")))


def submit(session, response, action_contains="", **values):
    """Post the page's last form whose action contains the text, as a browser would,
    with some fields filled in."""
    parser = _Forms()
    parser.feed(response.text)
    form = [f for f in parser.forms if action_contains in f["action"]][-1]
    fields = [(k, v) for k, v in form["fields"] if k not in values] + list(values.items())
    return session.post(urljoin(response.url, form["action"]), data=fields)


def start_sign_in(live_server):
    """Open Tsunagu's sign-in page and press the city account button."""
    session = requests.Session()
    page = session.get(f"{live_server.url}/accounts/login/")
    assert page.status_code == 200
    parser = _Forms()
    parser.feed(page.text)
    button = [f for f in parser.forms if f["action"].startswith("/accounts/oidc/city/login/")]
    assert len(button) == 1, "the sign-in page shows one city account button"
    at_provider = session.post(urljoin(page.url, button[0]["action"]), data=button[0]["fields"])
    return session, at_provider


def sign_in_at_provider(session, at_provider, email):
    """Sign in at the provider and consent; return Tsunagu's answer to the callback."""
    assert at_provider.url.startswith("http://127.0.0.1:")
    assert "/accounts/login/" in at_provider.url
    consent = submit(session, at_provider, login=email, password=IDP_PASSWORD)
    assert consent.status_code == 200
    assert "/identity/o/authorize" in consent.url
    return submit(session, consent, action="grant")


def test_imported_staff_sign_in_with_the_city_account(live_server, city_sign_in):
    UserFactory(email="hanako@city.example.jp", staff_number="100101", role=Role.STAFF_LEARNER)

    session, at_provider = start_sign_in(live_server)
    landed = sign_in_at_provider(session, at_provider, "hanako@city.example.jp")

    assert landed.status_code == 200, landed.text
    # A staff learner lands on "my learning" (core.views.ROLE_LANDING).
    assert landed.url == f"{live_server.url}/training/"
    assert "hanako@city.example.jp" in session.get(f"{live_server.url}/account/").text
    from allauth.socialaccount.models import SocialAccount

    account = SocialAccount.objects.get(provider="city")
    assert account.user.staff_number == "100101"


def test_an_unknown_email_gets_a_polite_page_and_no_account(live_server, city_sign_in):
    from core.models import User

    session, at_provider = start_sign_in(live_server)
    answer = sign_in_at_provider(session, at_provider, "stranger@city.example.jp")

    assert answer.status_code == 200
    assert "アカウントが見つかりません" in answer.text
    assert "DX推進の担当にお問い合わせください" in answer.text
    assert not User.objects.filter(email="stranger@city.example.jp").exists()
    assert session.get(f"{live_server.url}/account/", allow_redirects=False).status_code == 302


def test_the_polite_page_says_it_in_english_too(live_server, city_sign_in):
    """Sign-in pages are outside the language prefixes (the provider's redirect URI is
    one fixed address), so the page gives the English beside the Japanese."""
    session, at_provider = start_sign_in(live_server)
    answer = sign_in_at_provider(session, at_provider, "stranger@city.example.jp")

    assert '<section lang="en"' in answer.text
    assert "No account found" in answer.text
    assert "ask the DX promotion office" in answer.text


def test_an_email_the_provider_has_not_verified_matches_nobody(live_server, city_sign_in):
    UserFactory(email="unverified@city.example.jp", role=Role.STAFF_LEARNER)

    session, at_provider = start_sign_in(live_server)
    answer = sign_in_at_provider(session, at_provider, "unverified@city.example.jp")

    assert "アカウントが見つかりません" in answer.text
    assert session.get(f"{live_server.url}/account/", allow_redirects=False).status_code == 302


def test_a_deactivated_member_of_staff_cannot_sign_in(live_server, city_sign_in):
    UserFactory(email="leaver@city.example.jp", staff_number="100199", is_active=False)

    session, at_provider = start_sign_in(live_server)
    answer = sign_in_at_provider(session, at_provider, "leaver@city.example.jp")

    assert "このアカウントは使えません" in answer.text
    assert session.get(f"{live_server.url}/account/", allow_redirects=False).status_code == 302


def test_a_coordinator_still_passes_totp_after_the_city_sign_in(live_server, city_sign_in):
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    coordinator = UserFactory(email="coordinator@city.example.jp", role=Role.COORDINATOR)
    secret = generate_totp_secret()
    TOTP.activate(coordinator, secret)

    session, at_provider = start_sign_in(live_server)
    answer = sign_in_at_provider(session, at_provider, "coordinator@city.example.jp")

    assert answer.url == f"{live_server.url}/accounts/2fa/authenticate/"
    desk = session.get(f"{live_server.url}/desk/", allow_redirects=False)
    assert desk.status_code == 302 and "/accounts/login/" in desk.headers["Location"]

    counters = list(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
    landed = submit(session, answer, "/accounts/2fa/authenticate/", code=code)

    assert landed.url == f"{live_server.url}/desk/"
    assert landed.status_code == 200


def test_a_coordinator_without_an_authenticator_is_sent_to_set_one_up(live_server, city_sign_in):
    UserFactory(email="coordinator@city.example.jp", role=Role.COORDINATOR)

    session, at_provider = start_sign_in(live_server)
    answer = sign_in_at_provider(session, at_provider, "coordinator@city.example.jp")

    assert answer.url == f"{live_server.url}/accounts/2fa/totp/activate/"
    desk = session.get(f"{live_server.url}/desk/", allow_redirects=False)
    assert desk.headers["Location"] == "/accounts/2fa/totp/activate/"


def test_without_oidc_settings_there_is_no_city_account_button(client, db):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert "/accounts/oidc/" not in page.content.decode()
    assert client.post("/accounts/oidc/city/login/").status_code == 404
