"""Background work goes through the Tasks API and django-tasks-db's db_worker.

make run starts the worker; Wagtail 8 queues its own index updates there, so a
page published in the admin is only fully indexed once the worker has run.
"""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tests.conftest import ensure_migration_data

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_a_task_queued_on_publish_is_run_by_the_db_worker(settings):
    settings.TASKS = DB_BACKEND  # django_tasks rebuilds its backends on setting_changed

    ensure_migration_data()
    from wagtail.models import Page

    from cms.models import StandardPage

    root = Page.get_first_root_node()
    page = root.add_child(
        instance=StandardPage(title="テスト", slug="task-test", body="<p>本文</p>")
    )
    page.save_revision().publish()

    queued = DBTaskResult.objects.filter(status="READY")
    assert queued.exists(), "publishing a page queues Wagtail's index tasks"

    queued_paths = set(queued.values_list("task_path", flat=True))
    assert "modelsearch.tasks.insert_or_update_object_task" in queued_paths
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)

    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() >= 1
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
    done = set(DBTaskResult.objects.filter(status="SUCCESSFUL").values_list("task_path", flat=True))
    assert {
        "modelsearch.tasks.insert_or_update_object_task",
        "wagtail.tasks.update_reference_index_task",
    } <= done
