"""Django's database cache, with each write as one statement (settings.CACHES without Redis).

Without REDIS_URL the rate limits and the public page cache live in the
database, and every public registration writes to it: the limit's counter
(django-ratelimit: ``add`` then ``incr``) and the page cache's new generation
(``set``). Django's DatabaseCache spends five statements on each write (a
``COUNT(*)`` of the whole table to decide on culling, then BEGIN, SELECT,
UPDATE or INSERT, COMMIT) and makes ``incr`` a read followed by such a write,
which two requests at once can interleave and so count one hit, not two. Here:

* ``set`` and ``add`` are one upsert (``INSERT ... ON CONFLICT``), atomic on
  their own; ``add`` replaces only an expired row, as Django's does;
* a whole number is stored as its digits, not pickled, so ``incr`` is one
  ``UPDATE ... RETURNING`` that the database applies atomically: concurrent
  hits on a rate limit are all counted;
* expired rows are deleted, and the table culled as Django does past
  MAX_ENTRIES, on about one write in CULL_SAMPLE instead of on every write.

Reads stay Django's, but for the digits. Both PostgreSQL and SQLite (3.35 and
later) run these statements; tests/core/test_db_cache.py runs on both.
"""

from __future__ import annotations

import base64
import pickle
import random
import re
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, models, router
from django.utils import timezone

# About one write in this many also deletes expired rows (and culls past MAX_ENTRIES).
CULL_SAMPLE = 100
# A stored count; a pickled value's base64 never is all digits (it starts "gA").
COUNT = re.compile(r"-?[0-9]+")


def _is_count(value) -> bool:
    return type(value) is int  # not bool, which is an int too


class DatabaseCache(DjangoDatabaseCache):
    def _connection(self, *, write: bool = True):
        route = router.db_for_write if write else router.db_for_read
        return connections[route(self.cache_model_class)]

    def _expires(self, timeout) -> datetime:
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            expires = datetime.max  # noqa: DTZ901 (as Django's DatabaseCache writes it)
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        return expires.replace(microsecond=0)

    def _encode(self, value) -> str:
        if _is_count(value):
            return str(value)
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")

    @staticmethod
    def _decode(value: str):
        if COUNT.fullmatch(value):
            return int(value)
        return pickle.loads(base64.b64decode(value.encode()))  # noqa: S301 (our own rows)

    def _write(self, key: str, value, timeout, *, only_if_expired: bool) -> bool:
        connection = self._connection()
        quote = connection.ops.quote_name
        table = quote(self._table)
        now = timezone.now().replace(microsecond=0)
        adapt = connection.ops.adapt_datetimefield_value
        # Names from the cache's settings; every value is a parameter.
        condition = f" WHERE {table}.{quote('expires')} < %s" if only_if_expired else ""
        sql = (
            f"INSERT INTO {table} ({quote('cache_key')}, {quote('value')}, {quote('expires')}) "  # noqa: S608
            f"VALUES (%s, %s, %s) ON CONFLICT ({quote('cache_key')}) DO UPDATE SET "
            f"{quote('value')} = excluded.{quote('value')}, "
            f"{quote('expires')} = excluded.{quote('expires')}{condition} "
            f"RETURNING {quote('cache_key')}"
        )
        params = [key, self._encode(value), adapt(self._expires(timeout))]
        if only_if_expired:
            params.append(adapt(now))
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            written = cursor.fetchone() is not None
            if random.random() < 1 / CULL_SAMPLE:  # noqa: S311 (housekeeping, not security)
                self._tidy(connection, cursor, now)
        return written

    def _tidy(self, connection, cursor, now: datetime) -> None:
        table = connection.ops.quote_name(self._table)
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
        count = cursor.fetchone()[0]
        # Django's cull: expired rows first, then a share of the rest past MAX_ENTRIES.
        self._cull(router.db_for_write(self.cache_model_class), cursor, now, count)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        self._write(key, value, timeout, only_if_expired=False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._write(key, value, timeout, only_if_expired=True)

    def incr(self, key, delta=1, version=None):
        made = self.make_and_validate_key(key, version=version)
        connection = self._connection()
        quote = connection.ops.quote_name
        table, value = quote(self._table), quote("value")
        if connection.vendor == "postgresql":
            is_count, integer = f"{value} ~ '^-?[0-9]+$'", "bigint"
        else:
            is_count, integer = f"{value} NOT GLOB '*[^0-9-]*'", "integer"
        now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {value} = CAST(CAST({value} AS {integer}) + %s AS text) "  # noqa: S608
                f"WHERE {quote('cache_key')} = %s AND {quote('expires')} >= %s AND {is_count} "
                f"RETURNING {value}",
                [delta, made, now],
            )
            row = cursor.fetchone()
        if row is not None:
            return int(row[0])
        # Missing or expired (ValueError, as Django says), or a value that is not a count.
        return BaseCache.incr(self, key, delta, version=version)

    def get_many(self, keys, version=None):
        if not keys:
            return {}
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        connection = self._connection(write=False)
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('cache_key')}, {quote('value')}, {quote('expires')} "  # noqa: S608
                f"FROM {quote(self._table)} WHERE {quote('cache_key')} IN "
                f"({', '.join(['%s'] * len(key_map))})",
                list(key_map),
            )
            rows = cursor.fetchall()
        expression = models.Expression(output_field=models.DateTimeField())
        converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(
            connection
        )
        now = timezone.now()
        found, expired = {}, []
        for made, value, expires in rows:
            for converter in converters:
                expires = converter(expires, expression, connection)
            if expires < now:
                expired.append(made)
            else:
                found[key_map[made]] = self._decode(connection.ops.process_clob(value))
        self._base_delete_many(expired)
        return found
