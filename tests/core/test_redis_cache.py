"""The Redis cache (REDIS_URL): Django's, reusing one client per pool instead of one per command."""

import threading
import uuid

from core.redis_cache import RedisCache
from tests.ops.conftest import reachable_redis_url


def _cache(prefix: str) -> RedisCache:
    # Never clear(): that flushes the whole Redis database, which the operations
    # tests running beside these use too. Each test deletes its own keys.
    return RedisCache(reachable_redis_url(), {"KEY_PREFIX": f"{prefix}-{uuid.uuid4().hex}"})


def test_each_command_reuses_the_pools_client():
    cache = _cache("test-redis-reuse")
    client = cache._cache
    assert client.get_client(write=True) is client.get_client(write=True)
    assert client.get_client() is client.get_client()


def test_the_cache_contract_holds():
    cache = _cache("test-redis-contract")
    assert cache.add("hits", 0, 60) is True
    assert cache.add("hits", 5, 60) is False
    assert cache.incr("hits") == 1
    cache.set("page", ("generation", b"<html>", {"Vary": "Cookie"}), 60)
    assert cache.get_many(["hits", "page"]) == {
        "hits": 1,
        "page": ("generation", b"<html>", {"Vary": "Cookie"}),
    }
    cache.delete_many(["hits", "page"])


def test_threads_sharing_the_client_all_count():
    cache = _cache("test-redis-threads")
    cache.set("burst", 0, 60)
    barrier = threading.Barrier(8)

    def hit():
        barrier.wait()
        for _ in range(50):
            cache.incr("burst")

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("burst") == 400
    cache.delete("burst")
