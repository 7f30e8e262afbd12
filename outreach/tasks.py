"""The daily retention purge on the Tasks API (django-tasks-db's db_worker).

`daily_retention_purge` runs every night at 03:00 Japan time, when nobody is at
the desk, anonymises everyone past the privacy notice's keeping period
(outreach.services.erasure.purge_personal_data) and queues its next run.
`python manage.py purge_personal_data` does the same from cron, and queues the
next run for the worker, so running it once after a deployment starts the cycle.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from core.tasks import schedule_once
from outreach.services.erasure import purge_personal_data

# At night: nobody is correcting a record at the desk while it is erased.
PURGE_AT = dt.time(3, 0)


def next_purge_at(now: dt.datetime | None = None) -> dt.datetime:
    """The next 03:00 in Japan time after `now`."""
    local = timezone.localtime(now or timezone.now())
    candidate = local.replace(hour=PURGE_AT.hour, minute=PURGE_AT.minute, second=0, microsecond=0)
    return candidate if candidate > local else candidate + dt.timedelta(days=1)


@task()
def daily_retention_purge() -> int:
    """Anonymise everyone due; queue tomorrow's run; return how many residents were anonymised."""
    report = purge_personal_data()
    ensure_daily_purge()
    return report.residents


def ensure_daily_purge() -> bool:
    """Queue the next night's purge unless one waits already."""
    return schedule_once(daily_retention_purge, next_purge_at())
