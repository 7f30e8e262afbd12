"""Settings come from the environment and fail loudly on a bad value."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_rate

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool_reads_yes_and_no_and_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG") is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")


def test_env_int_and_list_and_rate(monkeypatch):
    monkeypatch.setenv("N", "12")
    assert env_int("N", 1) == 12
    monkeypatch.setenv("N", "twelve")
    with pytest.raises(ImproperlyConfigured):
        env_int("N", 1)
    monkeypatch.setenv("HOSTS", "a.jp, b.jp,")
    assert env_list("HOSTS", []) == ["a.jp", "b.jp"]
    monkeypatch.setenv("RATE", "10/m")
    assert env_rate("RATE", "5/m") == "10/m"
    monkeypatch.setenv("RATE", "ten a minute")
    with pytest.raises(ImproperlyConfigured):
        env_rate("RATE", "5/m")


def _manage(*args, **env):
    # The test settings relax some of these for the test client; start clean.
    relaxed = {
        "DATABASE_URL",
        "DEBUG",
        "SECRET_KEY",
        "SECURE_SSL_REDIRECT",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests for Playwright only
    }
    base = {k: v for k, v in os.environ.items() if k not in relaxed}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base | {"DJANGO_SETTINGS_MODULE": "config.settings"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="tsunagu.example.jp",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_twilio_backend_refuses_to_start_without_credentials():
    result = _manage("check", DEBUG="true", SMS_BACKEND="twilio")
    assert result.returncode != 0
    assert "TWILIO_ACCOUNT_SID" in result.stderr


def test_a_claim_must_outlast_a_twilio_call():
    result = _manage(
        "check", DEBUG="true", MESSAGING_CLAIM_SECONDS="10", TWILIO_TIMEOUT_SECONDS="15"
    )
    assert result.returncode != 0
    assert "MESSAGING_CLAIM_SECONDS must be longer than TWILIO_TIMEOUT_SECONDS" in result.stderr


def test_japanese_first():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "ja"
    assert settings.TIME_ZONE == "Asia/Tokyo"
    assert settings.USE_TZ is True
    assert ("en", "English") in settings.LANGUAGES
