"""The figures' background work: bring the summary tables up to date."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from metrics import refresh

logger = logging.getLogger(__name__)


@task()
def refresh_figures_task(full: bool = False) -> int:
    """Rewrite the rows of changed classes; the number of classes rewritten."""
    return refresh.refresh_figures(full=full).classes


_TASK_PATH = f"{refresh_figures_task.func.__module__}.{refresh_figures_task.func.__qualname__}"


def is_stale(state, now: dt.datetime | None = None) -> bool:
    if state is None or state.finished_at is None:
        return True
    now = now or timezone.now()
    return now - state.finished_at > dt.timedelta(seconds=settings.FIGURES_REFRESH_SECONDS)


def request_refresh() -> None:
    """Ask the worker for a refresh, unless one is already waiting for it.

    With the immediate backend (tests, a one-process setup) the refresh runs here.
    """
    backend = refresh_figures_task.get_backend()
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend: it de-duplicates on its own, or not at all
        DBTaskResult = None
    if (
        DBTaskResult is not None
        and backend.supports_defer
        and DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path=_TASK_PATH
        ).exists()
    ):
        return
    try:
        refresh_figures_task.enqueue()
    except Exception:  # the dashboard still shows the figures it has
        logger.exception("could not ask for a refresh of the figures")
