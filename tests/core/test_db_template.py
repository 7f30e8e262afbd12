"""tests.db_template: a worker's test database as a copy of make test's migrated template."""

import sqlite3

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.db_template import TEMPLATES, _copy_sqlite, databases_copied_from_template, template_name


def test_the_test_database_has_every_migration_applied(db):
    # Copied from the template or migrated here: nothing is left for migrate to apply.
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_an_in_memory_copy_keeps_its_full_text_index_once_its_opener_has_closed(tmp_path):
    template = tmp_path / "migrated.sqlite3"
    with sqlite3.connect(template) as source:
        source.execute("CREATE VIRTUAL TABLE pages USING fts5(body)")
        source.execute("INSERT INTO pages VALUES ('スマホ 教室 藤野')")
    source.close()
    name = "file:memorydb_copy_test?mode=memory&cache=shared"

    holder = _copy_sqlite(str(template), name, in_memory=True)
    reader = sqlite3.connect(name, uri=True)  # as Django's connection opens it
    holder.close()

    found = reader.execute("SELECT body FROM pages WHERE pages MATCH '教室'").fetchall()
    assert found == [("スマホ 教室 藤野",)]
    reader.close()


def test_postgresql_test_databases_are_made_from_the_template_only_while_asked(
    monkeypatch, tmp_path
):
    db = {"ENGINE": "django.db.backends.postgresql", "NAME": "city", "TEST": {}}
    monkeypatch.setitem(settings.DATABASES, "default", db)
    monkeypatch.setenv(TEMPLATES, str(tmp_path))

    with databases_copied_from_template():
        assert db["TEST"]["TEMPLATE"] == "test_city_template"
    assert "TEMPLATE" not in db["TEST"]


def test_without_a_template_nothing_changes(monkeypatch):
    db = {"ENGINE": "django.db.backends.postgresql", "NAME": "city", "TEST": {}}
    monkeypatch.setitem(settings.DATABASES, "default", db)
    monkeypatch.delenv(TEMPLATES, raising=False)

    with databases_copied_from_template():
        assert db["TEST"] == {}


def test_the_template_is_named_for_the_database_not_for_a_worker(monkeypatch, tmp_path):
    monkeypatch.setenv(TEMPLATES, str(tmp_path))
    worker = {"ENGINE": "django.db.backends.postgresql", "NAME": "city"}
    worker["TEST"] = {"NAME": "test_city_gw1"}
    assert template_name(worker) == "test_city_template"
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3", "TEST": {}}
    assert template_name(sqlite) == str(tmp_path / "migrated.sqlite3")
