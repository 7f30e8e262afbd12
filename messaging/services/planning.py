"""Which message is queued for whom, and when.

The rule: at most one Message row exists per (registration, purpose, occasion).
A partial unique constraint in the database decides it, and rows are inserted
with ON CONFLICT DO NOTHING, so a replayed signal, two app servers, a task that
runs twice or `send_due_reminders` run concurrently can only ever create it
once. A coordinator's resend is a separate, deliberate row (`resent_from`).

Only the latest due reminder of a registration is planned, never one that was
due before the resident's place was confirmed; a follow-up is planned only
within FOLLOW_UP_WINDOW of the class. Queued messages wake a worker on commit
(messaging.signals.messages_queued).
"""

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.audit import record
from messaging import clock, texts
from messaging.models import Channel, Message, Purpose
from messaging.schedule import next_allowed, reminder_moments
from messaging.signals import messages_queued
from outreach.models import ClassSession, Registration
from outreach.phones import reach_channel
from outreach.services import waitlist_position

# How long after a class a follow-up may still be planned (a newly deployed
# system must not thank people for classes of last month).
FOLLOW_UP_WINDOW = dt.timedelta(days=2)
# plan_due_messages refreshes the planner's statistics after creating this many.
ANALYZE_AFTER = 1000
# How far back plan_missed_registration_messages looks, and how long it leaves a
# registration to its own task first (queued and not yet run is not missed).
MISSED_WINDOW = dt.timedelta(hours=6)
MISSED_GRACE = dt.timedelta(minutes=2)
# cancel_class writes the session and its registrations in one transaction; a
# registration cancelled within this long of the class was cancelled with it.
CANCELLED_WITH_CLASS = dt.timedelta(minutes=5)
# What the worker loads with a registration to render its message.
_RENDERED_WITH = ("resident", "session", "session__venue", "session__topic")


def channel_for(resident, phone) -> str | None:
    """SMS for mobiles, a voice call for landlines, None when we may not or cannot call."""
    if phone is None or resident is None:
        return None
    return reach_channel(phone, resident.contact_preference)


def _phone_e164(phone) -> str:
    return getattr(phone, "as_e164", None) or str(phone)


def build_message(
    registration, purpose: str, *, occasion: str = "", due_at, position=None, custom=None
):
    """An unsaved Message for one registration, or None when it is not to be sent at all."""
    resident = registration.resident
    channel = channel_for(resident, registration.phone)
    if channel is None:
        return None
    text = texts.message_text(purpose, registration.language, channel, custom)
    if text is None:
        return None  # e.g. no follow-up by voice: a link cannot be read aloud
    language, body = text
    # Only a reminder is written for the moment it goes out ("明日"): it is
    # planned when due and never sent after its class has begun, so its day
    # word cannot go stale, while other messages may wait in the quiet hours.
    sent_at = due_at if purpose == Purpose.REMINDER else None
    values = texts.registration_values(
        registration, language, position=position, channel=channel, sent_at=sent_at
    )
    body = texts.fill(body, values)
    return Message(
        registration=registration,
        resident=resident,
        to=_phone_e164(registration.phone),
        channel=channel,
        purpose=purpose,
        occasion=occasion,
        language=language,
        body=body,
        segments=texts.segments(body) if channel == Channel.SMS else 1,
        due_at=due_at,
    )


def _wake_worker() -> None:
    transaction.on_commit(lambda: messages_queued.send(sender=Message))


def queue_message(registration, purpose: str, *, occasion: str = "", position=None, now=None):
    """Queue the one message for (registration, purpose, occasion); return it, or None.

    Invariant: calling this twice (a replayed signal, two app servers) leaves
    one row; the second call returns the existing row unchanged.
    """
    now = now or clock.now()
    message = build_message(
        registration, purpose, occasion=occasion, due_at=next_allowed(now), position=position
    )
    if message is None:
        return None
    # ignore_conflicts: the unique constraint, not a prior read, decides.
    Message.objects.bulk_create([message], ignore_conflicts=True)
    stored = Message.objects.filter(
        registration=registration, purpose=purpose, occasion=occasion, resent_from=None
    ).first()
    _wake_worker()
    return stored


def plan_due_messages(now=None) -> int:
    """Create the reminders and follow-ups that are due at `now`; return how many are new.

    Invariant: idempotent. Only the latest due reminder of each registration is
    created (someone who registers the evening before gets the morning one, not
    a stale "two days before" as well), and none that was due before the
    resident's place was confirmed.
    """
    now = now or clock.now()
    longest = max((days for days, _hhmm in settings.REMINDER_SCHEDULE), default=0)
    upcoming = (
        Registration.objects.confirmed()
        .filter(
            session__status=ClassSession.Status.PUBLISHED,
            session__starts_at__gt=now,
            session__starts_at__lte=now + dt.timedelta(days=longest + 1),
        )
        .select_related(*_RENDERED_WITH)
    )
    new: list[Message] = []
    custom = texts.custom_texts()
    for registration in upcoming.iterator(chunk_size=1000):
        due = [
            (occasion, moment)
            for occasion, moment in reminder_moments(registration.session.starts_at)
            if moment <= now and moment > registration.status_changed_at
        ]
        if due:
            occasion, moment = due[-1]
            message = build_message(
                registration, Purpose.REMINDER, occasion=occasion, due_at=moment, custom=custom
            )
            if message is not None:
                new.append(message)

    delay = dt.timedelta(hours=settings.FOLLOW_UP_DELAY_HOURS)
    finished = (
        Registration.objects.confirmed()
        .filter(
            session__status=ClassSession.Status.PUBLISHED,
            session__ends_at__lte=now - delay,
            session__ends_at__gt=now - delay - FOLLOW_UP_WINDOW,
        )
        .exclude(messages__purpose=Purpose.FOLLOW_UP)
        .select_related(*_RENDERED_WITH)
    )
    for registration in finished.iterator(chunk_size=1000):
        message = build_message(
            registration,
            Purpose.FOLLOW_UP,
            due_at=next_allowed(registration.session.ends_at + delay),
            custom=custom,
        )
        if message is not None:
            new.append(message)

    before = Message.objects.count()
    Message.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    created = Message.objects.count() - before if new else 0
    if created >= ANALYZE_AFTER and connection.vendor == "postgresql":
        # Fresh statistics before the sends: planned against stale ones (a
        # table analyzed when few rows were queued), the claim's LIMIT query
        # is answered by a bitmap scan and sort of the whole queue for every
        # batch of 100, not by reading the first rows of its partial index.
        # Autovacuum would notice only after a minute or more, and not at all
        # where it is switched off. ANALYZE samples a fixed number of rows.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Message._meta.db_table)}")
    return created


# --- A registration's own messages --------------------------------------------------


def plan_registration_message(registration, event: str):
    """Queue the message for one registration event; return it or None.

    Invariant: at most one message per (registration, purpose), whatever the
    number of calls (queue_message's unique constraint decides). A caller who
    registered on the voice menu has just heard the answer on the line: a
    landline gets no second call for it (a mobile still gets the SMS).
    """
    if event == "confirmed":
        if registration.channel == "voice":
            built = build_message(registration, Purpose.CONFIRMATION, due_at=None)
            if built is None or built.channel == Channel.VOICE:
                return None
        return queue_message(registration, Purpose.CONFIRMATION)
    if event == "waitlisted":
        if registration.channel == "voice":
            return None
        return queue_message(
            registration, Purpose.WAITLISTED, position=waitlist_position(registration)
        )
    if event == "promoted":
        return queue_message(registration, Purpose.PROMOTION)
    return None


def registration_to_plan(registration_id: int):
    """The registration with what its message is rendered from, or None if it is gone."""
    return Registration.objects.select_related(*_RENDERED_WITH).filter(pk=registration_id).first()


def plan_missed_registration_messages(now) -> int:
    """Plan the registration messages whose own task never ran; return how many were planned.

    The task is enqueued after the registration commits: a web process that
    dies in between, or a queue that refuses the task, would leave a resident
    without their confirmation. The minutely tick and cron run this. A
    registration counts as served once it has any message of its status's
    purposes (a promoted one may have its old waiting-list message too);
    queue_message's unique constraint keeps a race with the task to one row.
    """

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
        .select_related(*_RENDERED_WITH)
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


def skip_pending(*, registration, reason: str) -> int:
    """Mark the registration's messages not yet claimed as skipped (it was cancelled)."""
    return Message.objects.filter(status=Message.Status.QUEUED, registration=registration).update(
        status=Message.Status.SKIPPED, error_message=reason[:300], updated_at=timezone.now()
    )


# --- A class's notices ----------------------------------------------------------------


def plan_class_change_messages(session, event: str) -> int:
    """Queue the notice of a cancelled or moved class for everyone it concerns; return how many.

    A cancellation reaches everyone who held a place or a waiting-list place
    when it was cancelled (cancel_class may already have cancelled their
    registrations); a move is keyed by the class's iCalendar sequence, so a
    second move is a second notice.
    """
    registrations = Registration.objects.filter(session=session).select_related(*_RENDERED_WITH)
    queued = 0
    if event == "cancelled":
        for registration in registrations:
            # Those who cancelled themselves before the class was cancelled need no notice.
            if registration.status == Registration.Status.CANCELLED and (
                registration.status_changed_at < session.updated_at - CANCELLED_WITH_CLASS
            ):
                continue
            queued += queue_message(registration, Purpose.CLASS_CANCELLED) is not None
    elif event == "moved":
        for registration in registrations.active():
            queued += (
                queue_message(registration, Purpose.CLASS_MOVED, occasion=str(session.sequence))
                is not None
            )
    return queued


# --- A coordinator's resend -------------------------------------------------------------


def resend(message: Message, *, by) -> Message:
    """A coordinator's resend: a new row (resent_from set) queued now.

    Invariant: the original stays as it was, so the log shows both; the
    per-purpose uniqueness does not apply to resends, which are deliberate.
    """
    with transaction.atomic():
        copy = Message.objects.create(
            registration=message.registration,
            resident=message.resident,
            to=message.to,
            channel=message.channel,
            purpose=message.purpose,
            occasion=message.occasion,
            language=message.language,
            body=message.body,
            segments=message.segments,
            due_at=next_allowed(clock.now()),
            resent_from=message,
        )
        record(by, "messaging.resend", copy, original=message.pk)
        _wake_worker()
    return copy
