import io

import pytest
from django.test import override_settings

from tests.conftest import DROP_TASKS, module_transaction
from tests.db_snapshot import copy_seed_context, seeded


def seed_help_site():
    """The demo topics and coming classes, and every help page in every language.

    Not the rest of the outreach demo (past years' classes for the figures, attendance,
    volunteers): no help page shows them, and they were a third of the seeding's time.

    Wagtail updates the search and reference indexes in a task after every save, and
    the tests' immediate task backend runs each at once: a third of seeding's time for
    84 pages saved four or five times each. Those tasks are dropped while the pages are
    seeded, as they wait for the worker after seed_demo; the seed indexes the help
    articles itself once at the end.

    On PostgreSQL a test process seeds once per starting state and puts the kept rows
    back after that (tests.db_snapshot): under a second instead of 10–30.
    """
    from tests.conftest import ensure_migration_data

    ensure_migration_data()
    return seeded("help site", _seed_help_site, copy_seed_context)


def _seed_help_site():
    from cms import demo as cms_demo
    from core.demo import SeedContext
    from outreach import demo as outreach_demo

    ctx = SeedContext(stdout=io.StringIO(), password="x", password_given=False)
    outreach_demo.seed_upcoming_classes(ctx)
    with override_settings(TASKS=DROP_TASKS):
        cms_demo.seed(ctx)
    return ctx


@pytest.fixture(scope="module")
def _help_site_for_the_module(django_db_setup, django_db_blocker):
    """Seeded once per test module (tests.conftest.module_transaction): seeding takes
    10–30 s on a two-core machine (84 help pages in seven languages), and once per test it was most
    of the suite's time. Tests that need real commits (help_site_committed) live in
    another module."""
    with module_transaction(django_db_blocker):
        yield seed_help_site()


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
    return seed_help_site()


# A phrase of the Japanese-only article below: it must never appear on a page in another language.
JAPANESE_ONLY_STEP = "公共交通機関"


@pytest.fixture
def japanese_only_article(help_site):
    """An article an editor has just written in Japanese and easy Japanese: no other
    language has it yet (every demo article is seeded in every language)."""
    import json

    from wagtail.models import Locale

    from cms.models import HelpArticlePage, HelpIndexPage

    index = HelpIndexPage.objects.get(locale__language_code="ja")
    steps = [
        "「Googleマップ」で行き先を入れて、「経路」を押します。",
        f"電車のマーク（{JAPANESE_ONLY_STEP}）を押すと、バス停と時刻が出ます。",
    ]
    body = [
        {
            "type": "steps",
            "value": [
                {"text": f"<p>{text}</p>", "image": None, "alt": "", "caption": ""}
                for text in steps
            ],
        }
    ]
    article = index.add_child(
        instance=HelpArticlePage(
            title="バス停の時刻を調べる",
            slug="bus-timetable",
            summary="地図アプリで、バス停と時刻を調べます。",
            topic_slug="maps",
            body=json.dumps(body, ensure_ascii=False),
        )
    )
    article.save_revision().publish()
    easy = article.copy_for_translation(Locale.objects.get(language_code="ja-x-easy"))
    easy.title = "バスの 時間を しらべる"
    easy.save_revision().publish()
    return article
