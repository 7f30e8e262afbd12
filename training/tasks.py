"""Background work for staff courses on the Tasks API (django-tasks-db's db_worker).

deliver_training_emails is enqueued on commit of every change that writes an
email row (training.emails.outbox), and queues itself again for the next retry.
training_daily_check runs every morning at 08:00 Japan time: it queues the
due-date reminders and sends what is due, then queues its next run. Both are
safe in any number of workers at once: the claim in training.emails.delivery
decides who sends what.

Under cron instead of db_worker, `python manage.py send_training_emails` does
the same (daily is enough; every few minutes also retries failed sends sooner).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from core.tasks import schedule_once
from training.emails import delivery, reminders
from training.services.enrolment import end_waiting_lists

logger = logging.getLogger(__name__)

# In the morning, at the start of the working day (the city's offices open 08:30).
DAILY_CHECK_AT = dt.time(8, 0)


def next_morning(now: dt.datetime | None = None) -> dt.datetime:
    """The next 08:00 in Japan time after `now`."""
    local = timezone.localtime(now or timezone.now())
    candidate = local.replace(
        hour=DAILY_CHECK_AT.hour, minute=DAILY_CHECK_AT.minute, second=0, microsecond=0
    )
    return candidate if candidate > local else candidate + dt.timedelta(days=1)


@task()
def deliver_training_emails() -> int:
    """Send every due training email; queue the next run for a retry; return how many were sent."""
    report = delivery.deliver_due_emails()
    later = delivery.next_due_at()
    if later is not None:
        schedule_once(deliver_training_emails, max(later, timezone.now()))
    ensure_daily_check()
    return report.sent


@task()
def training_daily_check() -> int:
    """Close waiting lists of begun sessions, queue today's due-date reminders, send them.

    Returns how many reminders were queued.
    """
    end_waiting_lists()
    planned = reminders.plan_due_date_reminders()
    delivery.deliver_due_emails()
    schedule_once(training_daily_check, next_morning())
    return planned


def wake_sender(sender, **kwargs) -> None:
    """emails_queued's receiver: a worker sends now. Never raises, the change has committed."""
    try:
        deliver_training_emails.enqueue()
    except Exception:
        logger.exception("could not enqueue the delivery of training emails")


def ensure_daily_check() -> bool:
    """Queue the next morning's check unless one waits already (each delivery calls this)."""
    return schedule_once(training_daily_check, next_morning())
