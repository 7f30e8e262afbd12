"""Background work through the Tasks API (django-tasks' database worker in `make run`).

- plan_registration_message_task is enqueued on commit of each registration
  event (confirmed, waitlisted, promoted) and queues its message;
- deliver_messages is enqueued whenever messages are queued (on commit);
- messaging_tick runs once a minute: it plans the reminders and follow-ups that
  have become due and the registration messages whose own task never ran, and
  sends what is due.

Any number of workers may run these at once: the claims in
messaging.services.claims decide who sends what.
"""

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import TaskResultStatus, task

from messaging import clock
from messaging.services import delivery, planning

logger = logging.getLogger(__name__)

TICK_SECONDS = 60


@task()
def deliver_messages() -> int:
    report = delivery.deliver_due_messages()
    ensure_tick()
    return report.handled


@task()
def plan_registration_message_task(registration_id: int, event: str) -> int | None:
    """Plan (and then send) the message for a registration event; the id of the Message or None.

    Enqueued on commit by messaging.receivers.on_registration_changed, so the
    registration request does not wait for the rendering and writing. Safe to
    run twice: planning keeps one row per (registration, purpose).
    """
    registration = planning.registration_to_plan(registration_id)
    if registration is None:  # deleted meanwhile (e.g. a resident's data erased)
        return None
    message = planning.plan_registration_message(registration, event)
    return message.pk if message is not None else None


@task()
def messaging_tick() -> int:
    planning.plan_due_messages()
    planning.plan_missed_registration_messages(clock.now())
    report = delivery.deliver_due_messages()
    _schedule_tick(timezone.now() + dt.timedelta(seconds=TICK_SECONDS))
    return report.handled


def _schedule_tick(run_after) -> None:
    backend = messaging_tick.get_backend()
    if not backend.supports_defer:
        return  # the immediate backend (tests): cron's send_due_reminders does this
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another task backend: it schedules on its own
        return
    # One pending tick is enough; a second one (a race between two workers) only
    # does the same idempotent work twice.
    # (status READY, whatever its run_after: ready() would hide a deferred one.)
    if DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=_TICK_PATH).exists():
        return
    messaging_tick.using(run_after=run_after).enqueue()


def ensure_tick() -> None:
    """Start the once-a-minute tick if none is waiting (seed_demo and each delivery call it)."""
    try:
        _schedule_tick(timezone.now())
    except Exception:
        logger.exception("could not schedule the messaging tick")


_TICK_PATH = f"{messaging_tick.func.__module__}.{messaging_tick.func.__qualname__}"
