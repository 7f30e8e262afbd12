"""Personas and shared fixtures (the habit of healthchecks' alice/bob/charlie)."""

import os
import shutil
import time

import pytest

from core.roles import Role
from tests.factories import UserFactory


def pytest_collection_modifyitems(config, items):
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


@pytest.fixture(autouse=True)
def _english_off_and_cache_clear(settings):
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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


@pytest.fixture
def site_pages(db):
    """The demo home, accessibility and privacy pages in Japanese and English."""
    import io

    from cms import demo as cms_demo
    from core.demo import SeedContext

    ensure_migration_data()
    ctx = SeedContext(stdout=io.StringIO(), password="x", password_given=False)
    cms_demo.seed(ctx)
    return ctx
