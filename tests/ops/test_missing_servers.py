"""The operations tests skip without Redis on a laptop, and fail under CI."""

import socket

import pytest

from tests.ops.conftest import reachable_redis_url


@pytest.fixture
def closed_port_url(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # Nothing listens there once the socket is closed.
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{port}/0")


def test_a_missing_redis_fails_under_ci(closed_port_url, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true: Redis is not reachable"):
        reachable_redis_url()


def test_a_missing_redis_skips_outside_ci(closed_port_url, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Redis is not reachable"):
        reachable_redis_url()
