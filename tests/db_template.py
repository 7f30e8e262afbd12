"""Test databases made as copies of one migrated template, when `make test` built one.

Migrating a test database is 265 migrations, about half a minute of one core here, and
every pytest-xdist worker of both passes did it. scripts/test.sh now migrates one template
per database before the passes, SQLite's and PostgreSQL's at once on two cores, with
`python -m tests.db_template build`. With TEST_DATABASE_TEMPLATES set (the folder of the
SQLite template), each worker's test database starts as a copy of its template:

- PostgreSQL: Django's own TEST["TEMPLATE"] setting (CREATE DATABASE … TEMPLATE);
- SQLite: the template's pages are copied into the new database with SQLite's backup API,
  as Django does for its own parallel test workers.

Django's migrate still runs on the copy: it finds nothing to apply, and its checks and
post-migrate signals run as on any database. Without TEST_DATABASE_TEMPLATES (plain
`pytest`), each worker migrates its own database as before.
"""

import contextlib
import os
import sqlite3
import sys
from pathlib import Path

TEMPLATES = "TEST_DATABASE_TEMPLATES"
SQLITE_TEMPLATE = "migrated.sqlite3"


def template_folder() -> Path | None:
    folder = os.environ.get(TEMPLATES)
    return Path(folder) if folder else None


def template_name(settings_dict: dict) -> str:
    """The template of a database's tests: a file in the templates folder for SQLite,
    `test_<database>_template` for PostgreSQL (its own per PG_TEST_URL), whatever
    suffix a worker gives its own test database."""
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return str(template_folder() / SQLITE_TEMPLATE)
    return f"test_{settings_dict['NAME']}_template"


@contextlib.contextmanager
def databases_copied_from_template():
    """While open, test databases Django creates start as copies of the template (when
    one was built): the body of pytest-django's django_db_modify_db_settings."""
    from unittest import mock

    from django.conf import settings
    from django.db.backends.sqlite3.creation import DatabaseCreation

    if template_folder() is None:
        yield
        return
    db = settings.DATABASES["default"]
    template = template_name(db)
    if db["ENGINE"] != "django.db.backends.sqlite3":
        db.setdefault("TEST", {})["TEMPLATE"] = template
        try:
            yield
        finally:
            del db["TEST"]["TEMPLATE"]
        return
    holders: list[sqlite3.Connection] = []
    create = DatabaseCreation._create_test_db

    def create_as_copy(creation, verbosity, autoclobber, keepdb=False):
        name = create(creation, verbosity, autoclobber, keepdb)
        if not keepdb:
            holders.append(_copy_sqlite(template, name, creation.is_in_memory_db(name)))
        return name

    with mock.patch.object(DatabaseCreation, "_create_test_db", create_as_copy):
        try:
            yield
        finally:
            for holder in holders:
                holder.close()


def _copy_sqlite(template: str, name: str, in_memory: bool) -> sqlite3.Connection:
    """Copy the template into database `name`; return the connection that keeps an
    in-memory database alive until Django's own connection has opened it."""
    source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
    target = sqlite3.connect(name, uri=in_memory)
    try:
        source.backup(target)
    finally:
        source.close()
    return target


def _django():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    django.setup()
    from django.conf import settings
    from django.db import connection

    return settings, connection


def build() -> None:
    """Migrate the template of DATABASE_URL's tests, as pytest-django makes a test
    database (migrate, then the cache table), and leave it for the workers to copy."""
    settings, connection = _django()
    template = template_name(settings.DATABASES["default"])
    connection.settings_dict.setdefault("TEST", {})["NAME"] = template
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    connection.close()


def drop() -> None:
    """Drop the PostgreSQL template (the SQLite one goes with its folder)."""
    settings, connection = _django()
    if connection.vendor == "postgresql":
        drop_database(template_name(settings.DATABASES["default"]))


def drop_database(name: str) -> None:
    """Drop a PostgreSQL database, whoever is still connected to it."""
    from django.db import connection

    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    {"build": build, "drop": drop}[sys.argv[1]]()
