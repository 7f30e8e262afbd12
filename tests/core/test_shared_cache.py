"""Rate limits hold whatever the number of processes: without Redis the cache is the database."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import ClassSessionFactory

ROOT = Path(__file__).resolve().parents[2]
DATABASE_CACHE = {
    "default": {
        "BACKEND": "core.db_cache.DatabaseCache",
        "LOCATION": "tsunagu_cache",
        "KEY_PREFIX": "tsunagu",
    }
}


def _run_django(code: str, **env) -> str:
    """Run `code` in a new Python process with the production settings module."""
    environment = {
        key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="true", **env)
    script = "import django; django.setup()\n" + code
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


def test_without_redis_the_cache_is_the_database_every_process_shares():
    backend = _run_django(
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    )
    assert backend == "core.db_cache.DatabaseCache"


def test_with_redis_the_cache_is_redis():
    backend = _run_django(
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert backend == "core.redis_cache.RedisCache"


@pytest.mark.django_db
def test_migrate_creates_the_cache_table(settings):
    assert settings.DATABASE_CACHE_TABLE in connection.introspection.table_names()


@pytest.mark.django_db
def test_on_postgresql_the_cache_table_skips_the_write_ahead_log(settings):
    """Unlogged: a cache write is not one more flush of the log (and a crash empties it)."""
    if connection.vendor != "postgresql":
        pytest.skip("UNLOGGED is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relpersistence FROM pg_class WHERE relname = %s",
            [settings.DATABASE_CACHE_TABLE],
        )
        assert cursor.fetchone() == ("u",)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_processes_share_one_registration_limit(client, settings):
    """Another process (a second gunicorn worker) spends the limit; this one is then refused."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the other process must reach the test database")
    settings.CACHES = DATABASE_CACHE
    settings.REGISTRATION_RATE_LIMIT = "4/h"
    session = ClassSessionFactory(capacity=20)
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    codes = json.loads(
        _run_django(
            "import json; from django.test import Client; c = Client()\n"
            f"print(json.dumps([c.post('/classes/{session.pk}/register/', {{}}).status_code"
            " for _ in range(3)]))",
            DATABASE_URL=database_url,
            REGISTRATION_RATE_LIMIT="4/h",
            ALLOWED_HOSTS="testserver",
        )
    )
    assert 429 not in codes
    assert client.post(f"/classes/{session.pk}/register/", {}).status_code != 429
    assert client.post(f"/classes/{session.pk}/register/", {}).status_code == 429
