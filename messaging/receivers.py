"""What outreach's changes send: connected in MessagingConfig.ready().

outreach sends its signals on commit, so a rolled-back registration never
messages anyone. A registration's receiver does not plan the message itself: it
enqueues one small task carrying the registration's id
(plan_registration_message_task), and the worker renders the text, stores the
Message row and sends it. Planning inline cost a registration request about
half its time (template lookups, rendering, two more commits) while the
resident waited for the answer.
"""

import logging

from messaging import tasks
from messaging.services import erasure, planning

logger = logging.getLogger(__name__)

# The events whose message is planned by the worker (plan_registration_message_task).
PLANNED_EVENTS = {"confirmed", "waitlisted", "promoted"}


def on_registration_changed(sender, registration, event, **kwargs):
    """Enqueue the planning of this event's message; a cancellation skips pending ones now."""
    if event in PLANNED_EVENTS:
        if event == "waitlisted" and registration.channel == "voice":
            return None  # the caller heard their place on the waiting list on the line
        try:
            return tasks.plan_registration_message_task.enqueue(registration.pk, event)
        except Exception:  # a full queue must never break a registration already made
            logger.exception(
                "could not enqueue the %s message of registration %s", event, registration.pk
            )
            return None
    if event == "cancelled":
        planning.skip_pending(registration=registration, reason="申込が取り消されました")
    return None


def on_class_changed(sender, session, event, **kwargs):
    planning.plan_class_change_messages(session, event)


def wake_worker(sender, **kwargs):
    """Messages were queued and committed: a worker sends them now, not at the next tick."""
    try:
        tasks.deliver_messages.enqueue()
    except Exception:  # a full queue must never break a registration
        logger.exception("could not enqueue message delivery")


def on_personal_data_erased(
    sender, residents, registrations, phones, received_before=None, **kwargs
):
    """Erase messaging's copies in the same transaction as the resident's (so never half)."""
    erasure.redact_messages(
        residents=residents,
        registrations=registrations,
        phones=phones,
        received_before=received_before,
    )
