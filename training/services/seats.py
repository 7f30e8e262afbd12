"""Seats and the waiting list of a course session, under the session's row lock.

Only the services call these, inside their own transaction. The numbers (who
fits, who is promoted) are decided by core.capacity, the same functions
residents' classes use; this module only locks, counts and writes.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from core import capacity
from training.emails.outbox import announce
from training.models import CourseSession, EmailLog, Enrolment

Status = Enrolment.Status


def lock_session(session_id: int) -> CourseSession:
    # The lock every change to this session's seats queues on. Two requests that
    # both counted "one seat left" without it would both confirm. On SQLite the
    # IMMEDIATE transaction already serialises writers.
    return CourseSession.objects.select_for_update().select_related("course").get(pk=session_id)


def count_seats(
    session: CourseSession, learner_id: int | None = None
) -> tuple[capacity.Seats, bool]:
    """Seats taken, people waiting, and whether `learner_id` is already in: one query."""
    aggregates = {
        "taken": Count("id", filter=Q(status__in=Enrolment.SEAT_HOLDING)),
        "waiting": Count("id", filter=Q(status=Status.WAITLISTED)),
    }
    if learner_id is not None:
        aggregates["mine"] = Count("id", filter=Q(learner_id=learner_id, status__in=Enrolment.OPEN))
    row = Enrolment.objects.filter(session=session).aggregate(**aggregates)
    seats = capacity.Seats(capacity=session.capacity, taken=row["taken"], waiting=row["waiting"])
    return seats, bool(row.get("mine"))


def promote_locked(session: CourseSession, *, reason: str) -> list[Enrolment]:
    """Confirm waiting learners who now fit, in arrival order. The caller holds the lock.

    Nobody is promoted into a session that is not open (a draft, a cancelled
    one, or one that has started): a promotion minutes before the start would
    reach no one in time.
    """
    if session.status != CourseSession.Status.PUBLISHED or session.starts_at <= timezone.now():
        return []
    seats, _mine = count_seats(session)
    if seats.waiting == 0 or seats.left == 0:
        return []
    waiting = list(
        Enrolment.objects.filter(session=session, status=Status.WAITLISTED)
        .select_related("learner")
        .order_by("requested_at", "id")
    )
    # Waiting learners hold no seat, so the list is counted from the head here.
    plan = capacity.promotions(capacity.Seats(session.capacity, seats.taken), waiting)
    if not plan.promoted:
        return []
    now = timezone.now()
    reason = reason[:200]
    Enrolment.objects.filter(pk__in=[e.pk for e in plan.promoted]).update(
        status=Status.CONFIRMED,
        status_reason=reason,
        status_changed_at=now,
        promoted_at=now,
        updated_at=now,
    )
    for enrolment in plan.promoted:
        enrolment.status = Status.CONFIRMED
        enrolment.status_reason = reason
        enrolment.status_changed_at = enrolment.promoted_at = now
        enrolment.session = session
    announce(EmailLog.Kind.PROMOTED, plan.promoted)
    return plan.promoted
