"""Personas and shared fixtures (the habit of healthchecks' alice/bob/charlie)."""

import contextlib
import os
import shutil
import time

import pytest
from django.db import connection, transaction

from core.roles import Role
from tests.db_template import drop_database
from tests.factories import UserFactory

# The longest modules first (--durations): with --dist loadfile a module goes whole to one
# worker, and a long one handed out last keeps that worker busy after the other has
# finished. Longest first, the short modules at the end even the two out.
LONGEST_FIRST = (
    "tests/browser/test_seven_languages.py",
    "tests/ops/",
    "tests/core/test_seed_demo.py",
    "tests/training/test_demo.py",
    "tests/metrics/test_demo.py",
    "tests/messaging/test_exactly_once.py",
    "tests/browser/",
)


# Modules that need the same kept seeding run in one worker, which then seeds once
# (tests.db_snapshot keeps rows per process): the whole demo takes 25–35 s to seed, the
# help site 15–30 s, and handed out by module each worker seeded them.
SHARED_SEEDINGS = {
    "the whole demo": (
        "tests/core/test_seed_demo.py",
        "tests/training/test_demo.py",
        "tests/metrics/test_demo.py",
    ),
    "the help site": (
        "tests/browser/test_admin_listing.py",
        "tests/browser/test_handout.py",
        "tests/browser/test_help.py",
        "tests/browser/test_help_languages.py",
        "tests/browser/test_help_walkthrough.py",
        "tests/browser/test_security_headers.py",
        "tests/cms/test_admin_japanese.py",
        "tests/cms/test_frame_furigana.py",
        "tests/cms/test_handout.py",
        "tests/cms/test_help_languages.py",
        "tests/cms/test_help_pages.py",
        "tests/cms/test_readability.py",
        "tests/cms/test_resident_languages.py",
        "tests/cms/test_search.py",
        "tests/cms/test_search_index_worker.py",
        "tests/cms/test_translations.py",
    ),
}
SHARED_SEEDING = {path: name for name, paths in SHARED_SEEDINGS.items() for path in paths}


@pytest.hookimpl(optionalhook=True)  # pytest -p no:xdist has no such hook
def pytest_xdist_make_scheduler(config, log):
    """--dist loadfile, with the modules of each of SHARED_SEEDINGS handed out as one."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class ByModuleSharingSeedings(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = super()._split_scope(nodeid)
            return SHARED_SEEDING.get(module, module)

    return ByModuleSharingSeedings(config, log)


def _longest_first(item) -> int:
    path = str(item.path).replace(os.sep, "/")
    return next(
        (n for n, prefix in enumerate(LONGEST_FIRST) if f"/{prefix}" in path),
        len(LONGEST_FIRST),
    )


def pytest_collection_modifyitems(config, items):
    items.sort(key=_longest_first)  # stable: a module's tests keep their order
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
    # Browser tests need Debian's Chromium. Outside CI they are skipped without
    # it; under CI=true a missing browser is a failure (scripts/test.sh checks too).
    if shutil.which("chromium") or os.path.exists("/usr/bin/chromium"):
        return
    if os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """Each worker's test database a copy of make test's migrated template, when it
    built one (tests.db_template): half a minute less per worker and pass."""
    from tests.db_template import databases_copied_from_template

    with databases_copied_from_template():
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, emptied as after a transactional test.

    On PostgreSQL a copy of it as migrated is kept first (migrated_database_name).
    Then it is flushed and the migration data tests need is put back: the state every
    test meets after any live-server or concurrency test in the same process, so a
    test never passes only for running first, and a kept seeding (tests.db_snapshot)
    meets one starting state, not two.
    """
    from django.core.management import call_command

    postgresql = connection.vendor == "postgresql"
    with django_db_blocker.unblock():
        if postgresql:
            _copy_database(connection.settings_dict["NAME"], migrated_database_name())
        call_command("flush", verbosity=0, interactive=False, reset_sequences=False)
        ensure_migration_data()
    yield
    if postgresql:
        with django_db_blocker.unblock():
            drop_database(migrated_database_name())


def migrated_database_name() -> str:
    """A freshly migrated database of this test process's own (PostgreSQL), no one
    connected to it: a template for a script that would migrate one itself, half a
    minute of a two-core machine each time."""
    return f"{connection.settings_dict['NAME']}_migrated"


def _copy_database(source: str, copy: str) -> None:
    from django.db import connections

    drop_database(copy)
    # CREATE DATABASE … TEMPLATE needs no one connected to the source: this process's
    # connections reconnect when next used.
    connections.close_all()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{source}"')


@pytest.fixture(scope="session", autouse=True)
def _flush_only_tables_with_rows():
    """After a transactional test Django's flush empties the tables that hold rows, not
    every table (tests.db_empty): a second or more saved per test on PostgreSQL."""
    from unittest import mock

    from django.core.management.commands import flush

    from tests.db_empty import sql_flush_of_tables_with_rows

    with mock.patch.object(flush, "sql_flush", sql_flush_of_tables_with_rows):
        yield


@pytest.fixture(autouse=True)
def _content_types_after_restores():
    # First of the autouse fixtures, so it ends after the test's rollback.
    from tests.db_snapshot import content_types_forgotten_after_restores

    with content_types_forgotten_after_restores():
        yield


@pytest.fixture(autouse=True)
def _english_off_and_cache_clear(settings):
    from django.core.cache import cache
    from django.utils import translation

    # A request to an /en/ page leaves English active in this thread (LocaleMiddleware
    # does not switch back), and reverse() in the next test would then build /en/
    # addresses: each test starts in the default language, Japanese.
    translation.deactivate()
    cache.clear()
    yield
    cache.clear()
    translation.deactivate()


@pytest.fixture(autouse=True)
def _migration_data_present(request):
    """Put back what migrations create before a test that uses the database.

    A transactional test (live_server, real concurrency) empties every table when it
    ends, rows of data migrations included (Wagtail's root page, the role groups);
    under pytest-xdist any test may run after one in the same process.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional or (marker is None and "db" not in request.fixturenames):
        return
    request.getfixturevalue("db")
    from wagtail.models import Page

    if Page.get_first_root_node() is None:
        ensure_migration_data()


@pytest.fixture
def rate_limit_window(monkeypatch):
    """Hold django-ratelimit's clock still: its windows are fixed slots of the
    wall clock, and a test whose requests straddle a slot's end sees the count
    start again (a limit of 2/m then lets a third request through)."""
    import types

    import django_ratelimit.core

    moment = float(int(time.time()))
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: moment))


@pytest.fixture
def open_connections():
    """How many connections to this test database are open now (PostgreSQL).

    A concurrency test compares it before and after: a thread that leaves its
    own connection open (only that thread can close it) keeps it until the end
    of the whole run, and the server's limit is shared with other suites.
    """

    def count(*, settled_at: int | None = None) -> int:
        # A closed connection's server process leaves pg_stat_activity a moment
        # after the client hung up: with settled_at, wait up to 5 s for it.
        deadline = time.monotonic() + 5
        while True:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                )
                found = cursor.fetchone()[0]
            if settled_at is None or found <= settled_at or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    return count


@pytest.fixture
def coordinator(db):
    return UserFactory(
        email="coordinator@example.jp", display_name="相模 花子", role=Role.COORDINATOR
    )


@pytest.fixture
def trainer(db):
    return UserFactory(email="trainer@example.jp", display_name="津久井 太郎", role=Role.TRAINER)


@pytest.fixture
def other_trainer(db):
    return UserFactory(email="trainer2@example.jp", display_name="藤野 次郎", role=Role.TRAINER)


@pytest.fixture
def editor(db):
    return UserFactory(email="editor@example.jp", display_name="藤野 さくら", role=Role.EDITOR)


@pytest.fixture
def staff_learner(db):
    return UserFactory(email="staff@example.jp", display_name="城山 健", role=Role.STAFF_LEARNER)


@pytest.fixture
def other_learner(db):
    return UserFactory(
        email="staff2@example.jp", display_name="相模湖 まり", role=Role.STAFF_LEARNER
    )


@pytest.fixture
def instructor(db):
    return UserFactory(
        email="instructor@example.jp", display_name="津久井 先生", role=Role.INSTRUCTOR
    )


@pytest.fixture
def other_instructor(db):
    return UserFactory(
        email="instructor2@example.jp", display_name="城山 先生", role=Role.INSTRUCTOR
    )


@pytest.fixture
def figures_viewer(db):
    """A committee member: the yearly figures, never a person's data."""
    return UserFactory(email="viewer@example.jp", display_name="橋本 誠", role=Role.FIGURES_VIEWER)


@pytest.fixture
def coordinator_with_totp(coordinator):
    """A coordinator who has set up an authenticator app (the middleware requires it)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(coordinator, generate_totp_secret())
    return coordinator


def ensure_migration_data():
    """Put back what migrations create (Wagtail's root page, root collection and locale,
    the role groups).

    A transactional test (live_server, concurrency) empties every table when it
    ends, including rows that data migrations wrote; tests after it need them.
    """
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    from core.roles import Role, sync_role_permissions

    # wagtail-localize's data migration 0006 makes this permission (editors have it);
    # post_migrate after a flush recreates only the permissions of models' Meta.
    Permission.objects.get_or_create(
        content_type=ContentType.objects.get_or_create(
            app_label="wagtail_localize", model="translation"
        )[0],
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    locale = Locale.objects.get_or_create(language_code="ja")[0]
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    for role in Role:
        Group.objects.get_or_create(name=role)
    sync_role_permissions()


# Background tasks queued in a test are kept in the dummy backend, not run.
DROP_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def run_seed_demo(*args: str) -> str:
    """`manage.py seed_demo <args>` as `make run` runs it, and what it printed.

    The tasks it queues (Wagtail's index updates after each page save, a reminder plan
    for each demo registration) wait for the worker there, and are left queued here:
    the tests' immediate backend would run them inside the seeding, two fifths of its
    time. What they do is tested where they are defined.
    """
    import io

    from django.core.management import call_command
    from django.test import override_settings

    out = io.StringIO()
    with override_settings(TASKS=DROP_TASKS):
        call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def seed_whole_demo() -> str:
    """`seed_demo` with no password (a random one is made and printed), and what it
    printed: about 25 s.

    Its rows are kept and put back for the next module that starts from the same state
    (tests.db_snapshot), as the demo's tests in several apps ask for it.
    """
    from tests.db_snapshot import seeded

    ensure_migration_data()
    return seeded("seed_demo", run_seed_demo, str)


@contextlib.contextmanager
def module_transaction(django_db_blocker):
    """A transaction around a whole module's tests, rolled back at its end.

    For data seeded once per module (a module-scoped fixture): each test runs in a
    savepoint inside it (pytest-django's `db`, as Django's setUpTestData does), so
    what one test changes is undone before the next. A module fixture is set up
    before any function fixture, so the test's own transaction is always the inner
    one. Tests that need real commits (a live server, the task worker) cannot run
    inside it: they belong in another module.
    """
    from tests.db_snapshot import content_types_forgotten_after_restores

    with content_types_forgotten_after_restores():
        with django_db_blocker.unblock(), transaction.atomic():
            try:
                yield
            finally:
                transaction.set_rollback(True)


def _seed_site_pages():
    """The demo home, accessibility and privacy pages, seeded once per starting state in
    a test process and put back after that (tests.db_snapshot): some live-server tests
    ask for them in every test, and seeding takes 3–5 s on PostgreSQL."""
    from tests.db_snapshot import copy_seed_context, seeded

    ensure_migration_data()
    return seeded("site pages", _seed_site_pages_for_real, copy_seed_context)


def _seed_site_pages_for_real():
    import io

    from cms import demo as cms_demo
    from core.demo import SeedContext

    ctx = SeedContext(stdout=io.StringIO(), password="x", password_given=False)
    # Not the help articles (84 pages with pictures): a second or more per test, and the
    # tests that need them use the seeded help site of tests/cms/conftest.py.
    cms_demo.seed_site(ctx)
    return ctx


@pytest.fixture
def site_pages(db):
    """The demo home, accessibility and privacy pages in every language (about 3 s)."""
    return _seed_site_pages()


@pytest.fixture(scope="module")
def _site_pages_for_the_module(django_db_setup, django_db_blocker):
    """site_pages seeded once per module (module_transaction): the access table asks
    for them in some 360 tests, and seeded per test they took a third of the suite."""
    with module_transaction(django_db_blocker):
        yield _seed_site_pages()


@pytest.fixture
def module_site_pages(_site_pages_for_the_module, db):
    """The same pages as site_pages, seeded once for the whole module."""
    return _site_pages_for_the_module
