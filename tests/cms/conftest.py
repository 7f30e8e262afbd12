import io

import pytest
from django.db import transaction


def _seed_help_site():
    from cms import demo as cms_demo
    from core.demo import SeedContext
    from outreach import demo as outreach_demo
    from tests.conftest import ensure_migration_data

    ensure_migration_data()
    ctx = SeedContext(stdout=io.StringIO(), password="x", password_given=False)
    outreach_demo.seed(ctx)
    cms_demo.seed(ctx)
    return ctx


@pytest.fixture(scope="module")
def _help_site_for_the_module(django_db_setup, django_db_blocker):
    """Seeded once per test module, inside a transaction rolled back at its end.

    Seeding takes about 5 s (370 registrations, 29 published pages); once per
    test it was most of the suite's time. Each test runs in a savepoint inside
    this transaction (pytest-django's `db`, as Django's setUpTestData does), so
    whatever one test changes is undone before the next. A module fixture is
    set up before any function fixture, so the test's own transaction is
    always the inner one. Tests that need real commits (help_site_committed)
    live in another module: pytest-django runs them last, after this
    transaction has ended.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _seed_help_site()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def help_site(_help_site_for_the_module, db):
    """The demo topics, home page and help articles (Japanese, easy Japanese, English)."""
    return _help_site_for_the_module


@pytest.fixture
def help_site_committed(transactional_db):
    """The same, seeded and committed for this test alone: for tests that need commits
    (the task worker), which cannot run inside a module's shared transaction."""
    from django.db import connection

    assert not connection.in_atomic_block, (
        "help_site_committed ran inside a module's shared help_site transaction: "
        "move the test to a module that does not use help_site"
    )
    return _seed_help_site()
