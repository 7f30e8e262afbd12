"""What the operations tests need: PostgreSQL (and Redis), or a clear reason why not.

They run in `make test`'s PostgreSQL pass. Outside CI a missing server skips them;
under CI=true it fails them, so a pipeline never passes without having run them.
"""

import os

import pytest
from django.db import connection


def pg_base_url() -> str:
    """postgres://user@host:port of the test database's server, without a database name."""
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"


def own_database_name(suffix: str) -> str:
    """A database name of this run's own (the test database's name is already unique)."""
    return f"{connection.settings_dict['NAME']}_{suffix}"


def missing(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true: {reason}")
    pytest.skip(reason)


def reachable_redis_url() -> str:
    """REDIS_URL (or the local default) if a Redis answers there; else skip, or fail under CI."""
    import redis

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        missing(f"Redis is not reachable at {url}: {exc}")
    return url


@pytest.fixture
def redis_url() -> str:
    return reachable_redis_url()


postgres_only = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="runs in the PostgreSQL pass (set DATABASE_URL to a PostgreSQL server)",
    ),
]
