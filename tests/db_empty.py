"""Emptying the test database on PostgreSQL by the tables that hold rows.

Django's flush (after every live-server or concurrency test) and a kept seeding's
restore (tests.db_snapshot) empty the database with one TRUNCATE of every table. For
each of some 110 tables PostgreSQL makes new files for the table and its indexes: 1–3 s
on a two-core machine, most of it for tables that were empty. A test writes to a few.

Here the tables that hold rows are found in one query and emptied with DELETE, in one
transaction. Django declares every foreign key DEFERRABLE INITIALLY DEFERRED, so the
order does not matter and the checks at the end find nothing left pointing anywhere;
TRUNCATE would refuse a table unless every table referencing it went in the same
statement. A table with a trigger of its own (the access log refuses DELETE: it is
append-only) is truncated, as Django's flush would.
"""

from django.core.management.sql import sql_flush as django_sql_flush

# Always first, so the list is never empty: Django's flush skips post_migrate after an
# empty list, and post_migrate puts back the content types and permissions.
DEFER_CHECKS = "SET CONSTRAINTS ALL DEFERRED"


def tables_with_rows(cursor, tables) -> list[str]:
    qn = cursor.db.ops.quote_name
    # Table names from the database's own catalogue, quoted.
    probe = " UNION ALL ".join(
        f"SELECT %s WHERE EXISTS (SELECT 1 FROM {qn(t)})"  # noqa: S608
        for t in tables
    )
    cursor.execute(probe, list(tables))
    return [table for (table,) in cursor.fetchall()]


def _tables_with_triggers(cursor) -> set[str]:
    cursor.execute(
        "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE NOT t.tgisinternal"
    )
    return {name for (name,) in cursor.fetchall()}


def emptying_statements(cursor, tables) -> list[str]:
    """SQL that empties `tables` (PostgreSQL): TRUNCATE for the few with triggers, then
    DELETE for the rest of those that hold rows, the foreign-key checks deferred."""
    qn = cursor.db.ops.quote_name
    with_rows = tables_with_rows(cursor, tables)
    triggered = _tables_with_triggers(cursor)
    truncated = [t for t in with_rows if t in triggered]
    statements = [DEFER_CHECKS]
    if truncated:
        statements.append("TRUNCATE " + ", ".join(qn(t) for t in truncated))
    statements += [f"DELETE FROM {qn(t)}" for t in with_rows if t not in triggered]  # noqa: S608
    return statements


def sql_flush_of_tables_with_rows(style, connection, reset_sequences=True, allow_cascade=False):
    """django.core.management.sql.sql_flush, emptying only the tables with rows on
    PostgreSQL when the sequences stay as they are (as after a transactional test)."""
    if connection.vendor != "postgresql" or reset_sequences or allow_cascade:
        return django_sql_flush(
            style, connection, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        return emptying_statements(cursor, tables)
