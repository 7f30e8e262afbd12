"""The kept seeding of tests.db_snapshot: the same rows back, a real seeding whenever the
starting state or the file storage differs, and ids that never collide afterwards."""

import uuid

import pytest
from django.test import override_settings

from outreach.models import District
from tests.db_snapshot import seeded
from tests.factories import DistrictFactory, UserFactory

pytestmark = pytest.mark.django_db


class Seeding:
    """Three districts; counts how often it really ran."""

    def __init__(self):
        self.name = f"districts {uuid.uuid4()}"
        self.runs = 0

    def __call__(self):
        self.runs += 1
        return [DistrictFactory(code=f"seeded{n}").pk for n in range(3)]

    def again(self):
        return seeded(self.name, self, list)


def test_the_same_starting_state_gets_the_same_rows_back_without_seeding():
    seeding = Seeding()
    first = seeding.again()
    seeded_rows = sorted(District.objects.values_list("pk", "code", "name"))
    District.objects.all().delete()  # the starting state again

    assert seeding.again() == first
    assert seeding.runs == 1
    assert sorted(District.objects.values_list("pk", "code", "name")) == seeded_rows
    # A row written after the restore gets a new id, past every id used before.
    assert DistrictFactory(code="later").pk > max(first)


def test_another_starting_state_is_seeded_for_real():
    seeding = Seeding()
    seeding.again()
    District.objects.all().delete()
    UserFactory()  # one more row than the kept seeding started from

    seeding.again()
    assert seeding.runs == 2


def test_a_replaced_file_storage_is_seeded_for_real():
    # The kept rows name files in the storage the first seeding wrote to.
    seeding = Seeding()
    seeding.again()
    District.objects.all().delete()
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        seeding.again()
    assert seeding.runs == 2


def test_ids_never_go_back_after_the_restore_is_rolled_back():
    """Inside a module's transaction the restore is rolled back, but PostgreSQL's
    sequences are not: a row written after the rollback must not take an id that a row
    present holds."""
    from django.db import transaction

    from core.models import User

    seeding = Seeding()
    UserFactory()
    seeding.again()
    District.objects.all().delete()
    User.objects.all().delete()
    newer = UserFactory()  # the same starting counts, with a higher id than the kept one
    with transaction.atomic():
        seeding.again()
        assert seeding.runs == 1
        transaction.set_rollback(True)
    assert User.objects.get() == newer
    assert UserFactory().pk > newer.pk


def _one_help_article():
    """The home page and one help article in every language (a few seconds, not the
    whole help site's 10–30), indexed for search."""
    import io

    from cms import demo as cms_demo
    from cms.demo_content import text_size
    from core.demo import SeedContext
    from tests.conftest import DROP_TASKS
    from tests.factories import TopicFactory

    TopicFactory(slug=text_size.ARTICLE.topic)
    ctx = SeedContext(stdout=io.StringIO(), password="x", password_given=False)
    with override_settings(TASKS=DROP_TASKS):
        home, locales = cms_demo.seed_home(ctx)
        cms_demo.seed_help(ctx, home, locales, articles=[text_size.ARTICLE])
    return ctx


def test_the_search_index_comes_back_and_finds_what_was_seeded():
    """SQLite's index is an FTS5 table with shadow tables; PostgreSQL's a tsvector column."""
    from django.db import transaction

    from cms.models import HelpArticlePage

    def found():
        return sorted(page.pk for page in HelpArticlePage.objects.live().search("文字"))

    runs = []

    def seed():
        runs.append(1)
        return _one_help_article()

    name = f"one article {uuid.uuid4()}"
    with transaction.atomic():
        seeded(name, seed, lambda ctx: ctx)
        seeded_results = found()
        transaction.set_rollback(True)
    assert seeded_results
    assert not HelpArticlePage.objects.exists()

    seeded(name, seed, lambda ctx: ctx)
    assert len(runs) == 1
    assert found() == seeded_results


def test_the_content_type_cache_is_forgotten_after_a_restore_and_only_then():
    from django.contrib.contenttypes.models import ContentType

    from tests.db_snapshot import content_types_forgotten_after_restores

    seeding = Seeding()
    seeding.again()
    District.objects.all().delete()
    with content_types_forgotten_after_restores():
        ContentType.objects.get_for_model(District)
    assert ContentType.objects._cache  # nothing was put back: the cache stays
    with content_types_forgotten_after_restores():
        seeding.again()
        assert seeding.runs == 1
        ContentType.objects.get_for_model(District)
    # The rollback that follows may bring other ids back: nothing cached survives.
    assert not ContentType.objects._cache


def test_the_suite_runs_without_xdist():
    # The scheduler hook is pytest-xdist's: without the plugin it must be ignored.
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider"]
        + ["--collect-only", "-q", "tests/core/test_healthz.py"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_modules_named_for_scheduling_exist():
    # A module renamed but still listed would lose its place without a word.
    from pathlib import Path

    from tests.conftest import LONGEST_FIRST, SHARED_SEEDING

    root = Path(__file__).resolve().parents[2]
    for path in [*SHARED_SEEDING, *LONGEST_FIRST]:
        assert (root / path).exists(), path
