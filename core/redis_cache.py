"""Django's Redis cache, with one redis.Redis client per connection pool (settings.CACHES with REDIS_URL).

Django's RedisCacheClient makes a new ``redis.Redis`` for every command, and
each one builds its table of response callbacks (about 150 entries): on a public
registration, which touches the cache four times (the rate limit's add and incr,
the page cache's new generation), that was about a millisecond of CPU, more than
the commands themselves. A ``redis.Redis`` is safe to share between threads (it
takes a connection from its pool for each command), so one per pool is kept.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
