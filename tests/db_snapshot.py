"""A seeded database kept in memory and put back in a fraction of a second.

Seeding the help site (84 pages in seven languages with their revisions, translation
sources and pictures) takes 10–30 s on a two-core machine, and some twenty test modules
and live-server browser tests need it; on PostgreSQL a browser test's data must be
committed, so each of them seeded it again. `seeded(name, seed, copy_result)` seeds for
real the first time a test process meets a given starting state, keeps every table's
rows, and the next time it meets the same starting state replaces the tables' rows with
the kept ones instead of seeding.

What makes that safe:
- The starting state is compared by every table's row count, taken after the migration
  data is in place, and by today's date (demo classes are seeded relative to it). Any
  other start (a user made before seeding, a fresh database that still has Wagtail's
  welcome page) is a different key and is seeded for real.
- Rows come back with the ids they were seeded with; sequences only ever move forward,
  so rows written later (or present again after a module's rollback) never collide.
- The content-type cache is cleared (it maps ids from before the restore), and so is
  Django's cache (Wagtail keeps its site root paths there).
- Files the seeding wrote (the pictures) live in the storage object of this process; a
  storage replaced since (a test that overrides STORAGES) means a real seeding again.

On PostgreSQL the rows go out and in with COPY. On SQLite they are read and inserted
again, the search index's FTS5 tables through the tables themselves (with their rowid),
never through the shadow tables that hold the index.
"""

import contextlib
import dataclasses
import io

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.functional import empty

from tests.db_empty import emptying_statements

# (what was seeded, the starting state's row counts) -> the kept database.
_KEPT: dict[tuple, "_Kept"] = {}
_restores = 0


@dataclasses.dataclass
class _Kept:
    tables: dict  # table -> COPY text (PostgreSQL) or (columns, rows) (SQLite)
    storage: object
    result: object


def _virtual_tables() -> set[str]:
    """SQLite's FTS5 tables (the search index): their rows go in and out through the
    table itself, never through the shadow tables that hold its index."""
    if connection.vendor != "sqlite":
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
        return {name for (name,) in cursor.fetchall()}


def _tables() -> list[str]:
    # django_migrations never changes in a test run; every other table is the state.
    virtual = _virtual_tables()
    return sorted(
        t
        for t in connection.introspection.table_names(include_views=False)
        if t != "django_migrations" and not any(t.startswith(f"{v}_") for v in virtual)
    )


def _row_counts(tables) -> tuple:
    qn = connection.ops.quote_name
    # Table names from the database's own catalogue, quoted.
    sql = " UNION ALL ".join(f"SELECT %s, count(*) FROM {qn(t)}" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, tables)
        return tuple(sorted(cursor.fetchall()))


def _pg_copy_out(tables) -> dict[str, bytes]:
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


def _pg_copy_in(kept: dict[str, bytes]) -> None:
    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        # Rows written earlier in the same transaction (the migration data, inside a
        # module's transaction) have foreign-key checks pending, and PostgreSQL refuses
        # to truncate a table with pending checks: they are made now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # Then the checks are deferred: the tables are emptied and come back in any order.
        for statement in emptying_statements(cursor, list(kept)):
            cursor.execute(statement)
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


def _sqlite_copy_out(tables) -> dict[str, tuple]:
    qn = connection.ops.quote_name
    virtual = _virtual_tables()
    kept = {}
    with connection.cursor() as cursor:
        for table in tables:
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            if table in virtual:
                columns.insert(0, "rowid")
            # "+column" is the value as stored: Django's converters (dates, times,
            # decimals) apply to a plain column only, and their values would not go back.
            values = ", ".join(f"+{qn(c)}" for c in columns)
            cursor.execute(f"SELECT {values} FROM {qn(table)}")  # noqa: S608
            kept[table] = (columns, cursor.fetchall())
    return kept


def _sqlite_copy_in(kept: dict[str, tuple]) -> None:
    # Django declares SQLite's foreign keys deferred: inside one transaction the
    # tables may be emptied and filled in any order. AUTOINCREMENT's counters
    # (sqlite_sequence) only move forward, and roll back with the rows.
    qn = connection.ops.quote_name
    virtual = _virtual_tables()
    # The search index's triggers fill its FTS5 table as its entries go in: the FTS5
    # tables are emptied again and filled last, with exactly the kept rows.
    order = sorted(kept, key=lambda table: table in virtual)
    with transaction.atomic(), connection.cursor() as cursor:
        for table in order:
            cursor.execute(f"DELETE FROM {qn(table)}")  # noqa: S608
        for table in order:
            columns, rows = kept[table]
            if table in virtual:
                cursor.execute(f"DELETE FROM {qn(table)}")  # noqa: S608
            if rows:
                names = ", ".join(qn(c) for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {qn(table)} ({names}) VALUES ({marks})",  # noqa: S608
                    rows,
                )
        cursor.execute("PRAGMA foreign_key_check")
        broken = cursor.fetchall()
    assert not broken, f"the kept rows break foreign keys: {broken[:5]}"


def _copy_out(tables):
    return _pg_copy_out(tables) if connection.vendor == "postgresql" else _sqlite_copy_out(tables)


def _copy_in(kept) -> None:
    global _restores
    _restores += 1
    if connection.vendor == "postgresql":
        _pg_copy_in(kept)
    else:
        _sqlite_copy_in(kept)
    ContentType.objects.clear_cache()
    cache.clear()


@contextlib.contextmanager
def content_types_forgotten_after_restores():
    """Clear the content-type cache on the way out if kept rows were put back meanwhile.

    The kept rows carry the content types' ids of the first seeding. When the test's or
    the module's transaction is rolled back, the ids from before come back, and a cache
    filled in between would name content types that no longer exist.
    """
    before = _restores
    try:
        yield
    finally:
        if _restores != before:
            ContentType.objects.clear_cache()


def _storage():
    if default_storage._wrapped is empty:
        default_storage._setup()
    return default_storage._wrapped


def seeded(name: str, seed, copy_result):
    """seed() the first time from this starting state, its kept rows after.

    copy_result(result) makes what the seeding returned fit for the next caller (a new
    object each time, with nothing that points at rows of another restore).
    """
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
