"""The table of the database cache (settings.CACHES without REDIS_URL).

`createcachetable` is a separate command that an install could forget; as a
migration, `migrate` (and so `make run` and every deploy) creates it. The table
is created whatever CACHES says, so switching REDIS_URL off later needs nothing.
"""

from django.conf import settings
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # create_table does nothing when the table already exists.
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, settings.DATABASE_CACHE_TABLE, False)


def drop_cache_table(apps, schema_editor):
    table = schema_editor.quote_name(settings.DATABASE_CACHE_TABLE)
    schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_access_log")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table, elidable=False)]
