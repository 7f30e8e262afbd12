"""Staff email settings: EMAIL_URL in one line, or the usual EMAIL_* variables; bad values stop start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import email_url
from tests.core.test_settings import _manage

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_an_smtp_address_with_starttls_gives_every_setting(monkeypatch):
    monkeypatch.setenv(
        "EMAIL_URL",
        "smtp://kensyu%40city.example.jp:p%40ss%2Fword@mail.city.example.jp:587?tls=true&timeout=10",
    )

    assert email_url("EMAIL_URL") == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.city.example.jp",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "kensyu@city.example.jp",
        "EMAIL_HOST_PASSWORD": "p@ss/word",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
    }


@pytest.mark.parametrize(
    ("url", "port", "tls", "ssl"),
    [
        ("smtp://relay.local", 25, False, False),
        ("submission://relay.local", 587, True, False),
        ("smtps://relay.local", 465, False, True),
        ("smtp://relay.local:2525?ssl=yes", 2525, False, True),
    ],
)
def test_each_scheme_has_its_port_and_encryption(monkeypatch, url, port, tls, ssl):
    monkeypatch.setenv("EMAIL_URL", url)
    settings = email_url("EMAIL_URL")
    assert (settings["EMAIL_PORT"], settings["EMAIL_USE_TLS"], settings["EMAIL_USE_SSL"]) == (
        port,
        tls,
        ssl,
    )


def test_console_prints_and_empty_means_the_separate_variables(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "console://")
    assert email_url("EMAIL_URL") == {
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"
    }
    monkeypatch.setenv("EMAIL_URL", "")
    assert email_url("EMAIL_URL") == {}


@pytest.mark.parametrize(
    "url",
    [
        "http://mail.example.jp",
        "smtp://",
        "smtp://mail.example.jp?tls=true&ssl=true",
        "smtp://mail.example.jp?tls=perhaps",
        "smtp://mail.example.jp?starttls=true",
        "smtp://mail.example.jp:port",
        "smtp://mail.example.jp?timeout=soon",
    ],
)
def test_a_bad_address_stops_start_up(monkeypatch, url):
    monkeypatch.setenv("EMAIL_URL", url)
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        email_url("EMAIL_URL")


def test_the_settings_module_reads_email_url_over_the_separate_variables():
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_TIMEOUT)",
        DEBUG="true",
        EMAIL_URL="submission://u:p@mail.city.example.jp",
        EMAIL_HOST="ignored.example.jp",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [SMTP, "mail.city.example.jp", "587", "True", "20"]


def test_tls_and_ssl_together_and_a_claim_shorter_than_the_timeout_are_refused():
    both = _manage("check", DEBUG="true", EMAIL_USE_TLS="true", EMAIL_USE_SSL="true")
    assert both.returncode != 0
    assert "EMAIL_USE_TLS and EMAIL_USE_SSL" in both.stderr
    short = _manage("check", DEBUG="true", TRAINING_EMAIL_CLAIM_SECONDS="10", EMAIL_TIMEOUT="20")
    assert short.returncode != 0
    assert "TRAINING_EMAIL_CLAIM_SECONDS must be longer than EMAIL_TIMEOUT" in short.stderr
