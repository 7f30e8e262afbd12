"""Wagtail 8 updates its search index through a task: the database worker must run it.

In its own module: the test needs real commits, which the shared, rolled-back
help_site of the other modules cannot give (see tests/cms/conftest.py)."""

import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Locale

from cms.models import HelpArticlePage, HelpIndexPage, search_articles


def _ja():
    return Locale.objects.get(language_code="ja")


@pytest.mark.django_db(transaction=True)
def test_index_update_queued_on_publish_is_processed_by_the_db_worker(help_site_committed):
    """Wagtail 8 updates the search index through a task; with the database
    backend nothing is found until the worker has run."""
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        from django_tasks import task_backends

        task_backends._settings = None  # re-read TASKS
        task_backends.__dict__.pop("settings", None)
        try:
            index = HelpIndexPage.objects.get(locale=_ja())
            article = index.add_child(
                instance=HelpArticlePage(
                    title="ふくびき詐欺の電話",
                    slug="lottery-scam",
                    topic_slug="scams",
                    body=json.dumps(
                        [
                            {
                                "type": "paragraph",
                                "value": "<p>ちゅうせんで当選したという電話はサギです。</p>",
                            }
                        ]
                    ),
                )
            )
            article.save_revision().publish()
            assert "lottery-scam" not in [p.slug for p in search_articles("当選", locale=_ja())]
            from django_tasks_db.models import DBTaskResult

            assert DBTaskResult.objects.filter(status="READY").exists()
            call_command("db_worker", batch=True, verbosity=0)
            assert "lottery-scam" in [p.slug for p in search_articles("当選", locale=_ja())]
        finally:
            task_backends._settings = None
            task_backends.__dict__.pop("settings", None)
