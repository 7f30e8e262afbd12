"""A seeded PostgreSQL database kept in memory and put back in a fraction of a second.

Seeding the help site (84 pages in seven languages with their revisions, translation
sources and pictures) takes 10–30 s on a two-core machine, and some twenty test modules
and live-server browser tests need it; on PostgreSQL a browser test's data must be
committed, so each of them seeded it again. `seeded(key, seed)` seeds for real the first
time a test process meets a given starting state, keeps every table's rows (COPY), and
the next time it meets the same starting state replaces the tables' rows with the kept
ones instead of seeding.

What makes that safe:
- The starting state is compared by every table's row count, taken after the migration
  data is in place, and by today's date (demo classes are seeded relative to it). Any other start (a user made before seeding, a fresh database that
  still has Wagtail's welcome page) is a different key and is seeded for real.
- Rows come back with the ids they were seeded with; sequences only ever move forward,
  so rows written later (or present again after a module's rollback) never collide.
- The content-type cache is cleared (it maps ids from before the restore), and so is
  Django's cache (Wagtail keeps its site root paths there).
- Files the seeding wrote (the pictures) live in the storage object of this process; a
  storage replaced since (a test that overrides STORAGES) means a real seeding again.

SQLite keeps seeding for real: its search index is an FTS5 virtual table whose rows
cannot be copied like a plain table's, and its pass has no browser tests.
"""

import dataclasses
import io

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.functional import empty

# (what was seeded, the starting state's row counts) -> the kept database.
_KEPT: dict[tuple, "_Kept"] = {}


@dataclasses.dataclass
class _Kept:
    tables: dict[str, bytes]
    storage: object
    result: object


def _tables() -> list[str]:
    # django_migrations never changes in a test run; every other table is the state.
    return sorted(
        t
        for t in connection.introspection.table_names(include_views=False)
        if t != "django_migrations"
    )


def _row_counts(tables) -> tuple:
    qn = connection.ops.quote_name
    # Table names from the database's own catalogue, quoted.
    sql = " UNION ALL ".join(f"SELECT %s, count(*) FROM {qn(t)}" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, tables)
        return tuple(sorted(cursor.fetchall()))


def _copy_out(tables) -> dict[str, bytes]:
    qn = connection.ops.quote_name
    kept = {}
    with connection.cursor() as cursor:
        for table in tables:
            with cursor.copy(f"COPY {qn(table)} TO STDOUT") as copy:
                kept[table] = b"".join(bytes(chunk) for chunk in copy)
    return kept


def _sequences(cursor) -> list[tuple[str, str, str]]:
    """(table, column, sequence) of every serial or identity column."""
    cursor.execute(
        """
        SELECT c.relname, a.attname, pg_get_serial_sequence(quote_ident(c.relname), a.attname)
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relkind = 'r'
          AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL
        """
    )
    return cursor.fetchall()


def _copy_in(kept: dict[str, bytes]) -> None:
    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        # Rows written earlier in the same transaction (the migration data, inside a
        # module's transaction) have foreign-key checks pending, and PostgreSQL refuses
        # to truncate a table with pending checks: they are made now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE " + ", ".join(qn(t) for t in kept))
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # tables come back in any order
        for table, data in kept.items():
            if data:
                with cursor.copy(f"COPY {qn(table)} FROM STDIN") as copy:
                    copy.write(data)
        for table, column, sequence in _sequences(cursor):
            # Forward only: setval is not undone by a rollback, and a module's
            # transaction rolls back to rows whose ids may be higher than the kept ones.
            highest = f"SELECT coalesce(max({qn(column)}), 0) + 1 FROM {qn(table)}"  # noqa: S608
            cursor.execute(
                f"SELECT setval(%s, GREATEST(nextval(%s), ({highest})), false)",
                [sequence, sequence],
            )
        # The kept rows are checked as any commit would check them, then checks are
        # deferred again, as Django's foreign keys are declared.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    ContentType.objects.clear_cache()
    cache.clear()


def _storage():
    if default_storage._wrapped is empty:
        default_storage._setup()
    return default_storage._wrapped


def seeded(name: str, seed, copy_result):
    """seed() on PostgreSQL the first time from this starting state, its kept rows after.

    copy_result(result) makes what the seeding returned fit for the next caller (a new
    object each time, with nothing that points at rows of another restore).
    """
    if connection.vendor != "postgresql":
        return seed()
    tables = _tables()
    # Today is in the key: the demo's classes are seeded relative to it.
    key = (name, timezone.localdate(), connection.settings_dict["NAME"], _row_counts(tables))
    kept = _KEPT.get(key)
    storage = _storage()
    if kept is not None and kept.storage is storage:
        _copy_in(kept.tables)
        return copy_result(kept.result)
    result = seed()
    _KEPT[key] = _Kept(tables=_copy_out(tables), storage=storage, result=copy_result(result))
    return result


def copy_seed_context(ctx):
    """A SeedContext with the same output and counts, its users read again by id."""
    from core.demo import SeedContext
    from core.models import User

    copy = SeedContext(
        stdout=io.StringIO(ctx.stdout.getvalue()),
        password=ctx.password,
        password_given=ctx.password_given,
    )
    copy.created = dict(ctx.created)
    by_pk = User.objects.in_bulk([user.pk for user in ctx.users.values()])
    copy.users = {key: by_pk.get(user.pk, user) for key, user in ctx.users.items()}
    return copy
