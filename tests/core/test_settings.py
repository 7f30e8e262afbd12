"""Settings come from the environment and fail loudly on a bad value."""

import datetime as dt
import os
import secrets
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    OfficeHours,
    QuietHours,
    env_bool,
    env_currency,
    env_decimal,
    env_int,
    env_list,
    env_office_hours,
    env_quiet_hours,
    env_rate,
    env_reminder_schedule,
)

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


@pytest.mark.parametrize(
    ("raw", "hours"),
    [
        ("0-4 08:30-17:15", OfficeHours(0, 4, dt.time(8, 30), dt.time(17, 15))),
        ("5 9:00-12:00", OfficeHours(5, 5, dt.time(9, 0), dt.time(12, 0))),
        (" 0-6 00:00-23:59 ", OfficeHours(0, 6, dt.time(0, 0), dt.time(23, 59))),
    ],
)
def test_office_hours_are_read_into_days_and_times(monkeypatch, raw, hours):
    monkeypatch.setenv("DESK_OFFICE_HOURS", raw)
    assert env_office_hours("DESK_OFFICE_HOURS", "0-4 08:30-17:15") == hours


@pytest.mark.parametrize(
    "raw",
    [
        "weekdays 8:30-17:15",  # words
        "0-4 08:30",  # no closing time
        "0-7 08:30-17:15",  # no eighth weekday
        "4-0 08:30-17:15",  # Friday to Monday
        "0-4 17:15-08:30",  # closes before it opens
        "0-4 25:00-26:00",  # no such hour
        "0-4 08:30-17:15 extra",
    ],
)
def test_office_hours_that_cannot_be_read_stop_the_start(monkeypatch, raw):
    monkeypatch.setenv("DESK_OFFICE_HOURS", raw)
    with pytest.raises(ImproperlyConfigured, match="DESK_OFFICE_HOURS must look like 0-4"):
        env_office_hours("DESK_OFFICE_HOURS", "0-4 08:30-17:15")


def test_quiet_hours_are_read_across_midnight_or_switched_off(monkeypatch):
    assert env_quiet_hours("MESSAGE_QUIET_HOURS", "20:00-08:00") == QuietHours(
        dt.time(20, 0), dt.time(8, 0)
    )
    monkeypatch.setenv("MESSAGE_QUIET_HOURS", " 21:00-7:30 ")
    hours = env_quiet_hours("MESSAGE_QUIET_HOURS", "20:00-08:00")
    assert hours.contain(dt.time(23, 0)) and hours.contain(dt.time(7, 29))
    assert not hours.contain(dt.time(7, 30)) and not hours.contain(dt.time(20, 59))
    monkeypatch.setenv("MESSAGE_QUIET_HOURS", "12:00-13:00")
    lunch = env_quiet_hours("MESSAGE_QUIET_HOURS", "20:00-08:00")
    assert lunch.contain(dt.time(12, 30)) and not lunch.contain(dt.time(13, 0))
    monkeypatch.setenv("MESSAGE_QUIET_HOURS", "Off")
    assert env_quiet_hours("MESSAGE_QUIET_HOURS", "20:00-08:00") is None


@pytest.mark.parametrize("raw", ["", "night", "20:00", "20:00-20:00", "25:00-08:00", "20-8"])
def test_quiet_hours_that_cannot_be_read_stop_the_start(monkeypatch, raw):
    monkeypatch.setenv("MESSAGE_QUIET_HOURS", raw)
    with pytest.raises(ImproperlyConfigured, match="MESSAGE_QUIET_HOURS must look like 20:00"):
        env_quiet_hours("MESSAGE_QUIET_HOURS", "20:00-08:00")


def test_costs_are_amounts_and_the_currency_a_code(monkeypatch):
    assert env_decimal("SMS_COST_PER_SEGMENT", "0.0760") == Decimal("0.0760")
    monkeypatch.setenv("VOICE_COST_PER_CALL", "0.13")
    assert env_decimal("VOICE_COST_PER_CALL", "0") == Decimal("0.13")
    for bad in ["13円", "-0.1", "NaN", "Infinity", ""]:
        monkeypatch.setenv("VOICE_COST_PER_CALL", bad)
        with pytest.raises(ImproperlyConfigured, match="VOICE_COST_PER_CALL"):
            env_decimal("VOICE_COST_PER_CALL", "0")
    assert env_currency("MESSAGE_COST_CURRENCY", "USD") == "USD"
    monkeypatch.setenv("MESSAGE_COST_CURRENCY", "JPY")
    assert env_currency("MESSAGE_COST_CURRENCY", "USD") == "JPY"
    for bad in ["yen", "円", "US", "usd"]:
        monkeypatch.setenv("MESSAGE_COST_CURRENCY", bad)
        with pytest.raises(ImproperlyConfigured, match="MESSAGE_COST_CURRENCY"):
            env_currency("MESSAGE_COST_CURRENCY", "USD")


def test_the_reminder_schedule_is_read_and_checked(monkeypatch):
    monkeypatch.setenv("REMINDER_SCHEDULE", "2@10:00, 0@8:00")
    assert env_reminder_schedule("REMINDER_SCHEDULE", []) == [(2, "10:00"), (0, "08:00")]
    monkeypatch.setenv("REMINDER_SCHEDULE", "the day before")
    with pytest.raises(ImproperlyConfigured, match="REMINDER_SCHEDULE"):
        env_reminder_schedule("REMINDER_SCHEDULE", [])


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


def test_a_bad_office_hours_or_cost_stops_the_server_at_start_up():
    result = _manage("check", DEBUG="true", DESK_OFFICE_HOURS="平日 8:30-17:15")
    assert result.returncode != 0
    assert "DESK_OFFICE_HOURS must look like 0-4 08:30-17:15" in result.stderr
    result = _manage("check", DEBUG="true", SMS_COST_PER_SEGMENT="7円")
    assert result.returncode != 0
    assert "SMS_COST_PER_SEGMENT must be an amount" in result.stderr


def test_japanese_first():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "ja"
    assert settings.TIME_ZONE == "Asia/Tokyo"
    assert settings.USE_TZ is True
    assert ("en", "English") in settings.LANGUAGES
