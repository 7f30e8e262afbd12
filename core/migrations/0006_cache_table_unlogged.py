"""On PostgreSQL the cache table is UNLOGGED: its writes skip the write-ahead log.

Everything in it can be lost without harm (rate-limit counts, cached pages and
their generation), and a registration writes to it twice (the rate limit's count
and the page cache's new generation): logged, each was one more flush of the log
to disk. After a crash PostgreSQL empties an unlogged table, so the cache starts
cold and the limits start from zero; a replica does not copy it. Nothing that
must survive is kept there: sessions stay in their own table, or in Redis.
"""

from django.conf import settings
from django.db import migrations


def _set(mode: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = schema_editor.quote_name(settings.DATABASE_CACHE_TABLE)
        schema_editor.execute(f"ALTER TABLE {table} SET {mode}")

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0005_cache_table")]

    operations = [migrations.RunPython(_set("UNLOGGED"), _set("LOGGED"), elidable=False)]
