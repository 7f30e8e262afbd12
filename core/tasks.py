"""Deferred and repeating background work on the Tasks API.

django-tasks-db's `db_worker` runs a task no earlier than its `run_after`; a
task that queues its own next run after it finishes repeats for as long as a
worker runs. `schedule_once` keeps one waiting run of a task, whatever the
number of workers or callers: two callers racing may both queue one, which only
does the same idempotent work twice.

With another backend (the immediate backend in tests, or none under cron)
nothing is deferred: cron runs the matching management command instead.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import Q
from django_tasks import TaskResultStatus
from django_tasks.base import Task

logger = logging.getLogger(__name__)


def task_path(task: Task) -> str:
    return f"{task.func.__module__}.{task.func.__qualname__}"


def schedule_once(task: Task, run_after: dt.datetime) -> bool:
    """Queue `task` to run at `run_after` unless a run is already waiting for then or earlier.

    Returns whether it queued one. Never raises: a failure to schedule must not
    undo the work of the caller (it is logged; cron or the next call catches up).
    """
    try:
        backend = task.get_backend()
        if not backend.supports_defer:
            return False
        try:
            from django_tasks_db.models import DBTaskResult, get_date_max
        except ImportError:  # another deferring backend: it cannot be asked what waits
            task.using(run_after=run_after).enqueue()
            return True
        waiting = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path=task_path(task)
        )
        # A run already due by then (or one with no run_after: it runs at once) does the work.
        if waiting.filter(Q(run_after__lte=run_after) | Q(run_after=get_date_max())).exists():
            return False
        task.using(run_after=run_after).enqueue()
        return True
    except Exception:
        logger.exception("could not schedule %s", task_path(task))
        return False
