"""`manage.py check --deploy` is clean with production settings (DEBUG off, HTTPS on)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


# What this test process may carry that a production server never has: the browser tests
# set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright in the same worker.
NOT_PRODUCTION = (
    "REDIS_URL",
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def _check_deploy(**env) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in NOT_PRODUCTION}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="tsunagu.example.jp",
        CSRF_TRUSTED_ORIGINS="https://tsunagu.example.jp",
        PUBLIC_BASE_URL="https://tsunagu.example.jp",
    )
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_check_deploy_finds_nothing_with_production_settings():
    result = _check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_would_report_a_weak_production_setting():
    """The check above can fail: HSTS switched off is reported (security.W004)."""
    result = _check_deploy(SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr
