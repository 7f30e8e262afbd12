"""What outreach's changes send: connected in MessagingConfig.ready().

outreach sends its signals on commit, so a rolled-back registration never
messages anyone. A registration's receiver does not plan the message itself: it
enqueues one small task carrying the registration's id (plan_registration_message),
and the worker renders the text, stores the Message row and sends it. Planning
inline cost a registration request about half its time (template lookups,
rendering, two more commits) while the resident waited for the answer.
"""

import logging
from datetime import timedelta

from django.db.models import Exists, OuterRef, Q

from messaging import services
from messaging.models import Channel, Message, Purpose

# cancel_class writes the session and its registrations in one transaction; a
# registration cancelled within this long of the class was cancelled with it.
_GRACE = timedelta(minutes=5)

logger = logging.getLogger(__name__)

# The events whose message is planned by the worker (plan_registration_message).
PLANNED_EVENTS = {"confirmed", "waitlisted", "promoted"}


def on_registration_changed(sender, registration, event, **kwargs):
    """Enqueue the planning of this event's message; a cancellation skips pending ones now."""
    if event in PLANNED_EVENTS:
        if event == "waitlisted" and registration.channel == "voice":
            return None  # the caller heard their place on the waiting list on the line
        from messaging.tasks import plan_registration_message

        try:
            return plan_registration_message.enqueue(registration.pk, event)
        except Exception:  # a full queue must never break a registration already made
            logger.exception(
                "could not enqueue the %s message of registration %s", event, registration.pk
            )
            return None
    if event == "cancelled":
        services.skip_pending(registration=registration, reason="申込が取り消されました")
    return None


def plan_registration_message(registration, event: str):
    """Queue the message for one registration event (the worker's half); return it or None.

    Invariant: at most one message per (registration, purpose), whatever the
    number of calls (queue_message's unique constraint decides).
    """
    if event == "confirmed":
        if registration.channel == "voice":
            # The caller has just heard the confirmation on the voice menu; a
            # landline gets no second call for it (a mobile still gets the SMS).
            built = services.build_message(registration, Purpose.CONFIRMATION, due_at=None)
            if built is None or built.channel == Channel.VOICE:
                return None
        return services.queue_message(registration, Purpose.CONFIRMATION)
    if event == "waitlisted":
        from outreach.services import waitlist_position

        if registration.channel == "voice":
            return None
        return services.queue_message(
            registration, Purpose.WAITLISTED, position=waitlist_position(registration)
        )
    if event == "promoted":
        return services.queue_message(registration, Purpose.PROMOTION)
    return None


# How far back plan_missed_registration_messages looks, and how long it leaves a
# registration to its own task first (queued and not yet run is not missed).
MISSED_WINDOW = timedelta(hours=6)
MISSED_GRACE = timedelta(minutes=2)


def plan_missed_registration_messages(now) -> int:
    """Plan the registration messages whose own task never ran; return how many were planned.

    The task is enqueued after the registration commits: a web process that
    dies in between, or a queue that refuses the task, would leave a resident
    without their confirmation. The minutely tick and cron run this. A
    registration counts as served once it has any message of its status's
    purposes (a promoted one may have its old waiting-list message too);
    queue_message's unique constraint keeps a race with the task to one row.
    """
    from outreach.models import ClassSession, Registration

    def has(*purposes):
        return Exists(Message.objects.filter(registration=OuterRef("pk"), purpose__in=purposes))

    confirmed = Q(status=Registration.Status.CONFIRMED) & ~has(
        Purpose.CONFIRMATION, Purpose.PROMOTION
    )
    waiting = Q(status=Registration.Status.WAITLISTED) & ~has(Purpose.WAITLISTED)
    missed = (
        Registration.objects.filter(confirmed | waiting)
        .filter(
            status_changed_at__gte=now - MISSED_WINDOW,
            status_changed_at__lte=now - MISSED_GRACE,
            session__status=ClassSession.Status.PUBLISHED,
            session__starts_at__gt=now,
        )
        .select_related("resident", "session", "session__venue", "session__topic")
    )
    planned = 0
    for registration in missed:
        if registration.status == Registration.Status.WAITLISTED:
            event = "waitlisted"
        else:
            event = "promoted" if registration.promoted_at else "confirmed"
        if plan_registration_message(registration, event) is not None:
            planned += 1
    return planned


def on_class_changed(sender, session, event, **kwargs):
    if event == "cancelled":
        # Everyone who held a place (or a waiting-list place) when it was
        # cancelled; cancel_class may already have cancelled their registrations.
        for registration in _people_of(session, include_cancelled_by_class=True):
            services.queue_message(registration, Purpose.CLASS_CANCELLED)
    elif event == "moved":
        for registration in _people_of(session):
            services.queue_message(
                registration, Purpose.CLASS_MOVED, occasion=str(session.sequence)
            )


def _people_of(session, include_cancelled_by_class: bool = False):
    from outreach.models import Registration

    registrations = Registration.objects.filter(session=session).select_related(
        "resident", "session", "session__venue", "session__topic"
    )
    if include_cancelled_by_class:
        # Those cancelled by the resident themselves earlier need no notice.
        return [
            r
            for r in registrations
            if r.status != "cancelled" or r.status_changed_at >= session.updated_at - _GRACE
        ]
    return list(registrations.active())
