"""The database cache (no Redis): Django's cache contract, each write one statement,
counts that concurrent hits never lose."""

import threading

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import db_cache

CACHE = {
    "BACKEND": "core.db_cache.DatabaseCache",
    "LOCATION": "tsunagu_cache",
    "KEY_PREFIX": "test-db-cache",
}


@pytest.fixture
def cache(settings):
    settings.CACHES = {**settings.CACHES, "dbtest": CACHE}
    cache = caches["dbtest"]
    cache.clear()
    yield cache
    cache.clear()


@pytest.mark.django_db
def test_values_of_every_kind_come_back_as_they_were_stored(cache):
    values = {"n": 7, "neg": -3, "text": "42", "flag": True, "tuple": ("g1", b"<html>", {"a": 1})}
    for key, value in values.items():
        cache.set(key, value)
    assert cache.get_many(list(values)) == values
    assert type(cache.get("flag")) is bool  # a bool is not stored as a count
    assert cache.get("missing", "default") == "default"


@pytest.mark.django_db
def test_add_writes_only_a_missing_or_expired_key(cache):
    assert cache.add("k", 1, 60) is True
    assert cache.add("k", 2, 60) is False
    assert cache.get("k") == 1
    cache.set("old", "x", 0)  # a timeout of 0 stores it already expired
    assert cache.add("old", "y", 60) is True
    assert cache.get("old") == "y"


@pytest.mark.django_db
def test_incr_counts_and_refuses_a_missing_or_expired_key(cache):
    cache.set("hits", 1, 60)
    assert cache.incr("hits") == 2
    assert cache.incr("hits", 5) == 7
    assert cache.get("hits") == 7
    with pytest.raises(ValueError):
        cache.incr("nobody")
    cache.set("gone", 1, 0)
    with pytest.raises(ValueError):
        cache.incr("gone")
    # A stored value that is not a count is incremented Django's way (read, then write).
    cache.set("float", 1.5, 60)
    assert cache.incr("float") == 2.5


@pytest.mark.django_db
def test_expired_values_are_not_read(cache):
    cache.set("short", "x", 0)
    assert cache.get("short") is None


@pytest.mark.django_db
def test_a_rate_limit_hit_costs_two_statements_and_a_page_purge_one(cache, monkeypatch):
    """Django's own backend spent eleven statements on a rate-limit hit (add, then get and
    set) and five on a set: on a public registration that was most of its queries."""
    monkeypatch.setattr(db_cache, "CULL_SAMPLE", 10**9)
    cache.add("rl", 0, 60)
    with CaptureQueriesContext(connection) as hit:
        assert cache.add("rl", 0, 60) is False
        assert cache.incr("rl") == 1
    with CaptureQueriesContext(connection) as purge:
        cache.set("generation", "abc", None)
    assert len(hit) == 2
    assert len(purge) == 1


@pytest.mark.django_db
def test_the_occasional_tidy_deletes_expired_rows_and_culls_past_max_entries(
    cache, settings, monkeypatch
):
    settings.CACHES = {
        **settings.CACHES,
        "dbtest": {**CACHE, "OPTIONS": {"MAX_ENTRIES": 5, "CULL_FREQUENCY": 2}},
    }
    cache = caches["dbtest"]  # made again with the options
    monkeypatch.setattr(db_cache, "CULL_SAMPLE", 10**9)
    cache.set("expired", 1, 0)
    for n in range(8):
        cache.set(f"k{n}", n, 60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM tsunagu_cache")
        assert cursor.fetchone()[0] == 9
    monkeypatch.setattr(db_cache, "CULL_SAMPLE", 1)
    cache.set("k8", 8, 60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM tsunagu_cache")
        left = cursor.fetchone()[0]
    # The expired row went; nine live rows past MAX_ENTRIES 5 lost half (Django's cull).
    assert left < 9
    assert cache.get("expired") is None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_are_all_counted(cache):
    """Two requests at once must both count: Django's get-then-set incr lost one of them."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: threads with connections of their own")
    cache.set("burst", 0, 600)
    barrier = threading.Barrier(8)

    def hit():
        try:
            barrier.wait()
            for _ in range(25):
                caches["dbtest"].incr("burst")
        finally:
            from django.db import connections

            connections.close_all()

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("burst") == 200
