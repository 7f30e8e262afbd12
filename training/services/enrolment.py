"""Enrolling in a course, cancelling, and the waiting list.

Every function here owns its transaction. The invariant they all keep:

    For every course session, the seats held by enrolments (confirmed,
    attended, completed) never exceed its capacity; the waiting list is
    served strictly in arrival order; a learner holds at most one open
    enrolment per course.

They keep it by taking the session's row lock before counting seats and writing
the result before the lock is released, as outreach does for classes; the
numbers come from core.capacity. Everything that can be checked without the
lock (the learner, the course, prerequisites, an enrolment elsewhere in the
course) is checked before it, so the lock is held only for the count and the
writes. The partial unique constraint on Enrolment catches what the checks
cannot see (two sessions of one course at once).

Reasons written to Enrolment.status_reason are data for coordinators, in the
city's working language (Japanese), not translated per request.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit, capacity
from training.emails.outbox import announce
from training.learning import learner_may_cancel, prerequisites_of
from training.models import Course, CourseSession, EmailLog, Enrolment
from training.services.errors import (
    AlreadyEnrolled,
    CourseNotOpen,
    EnrolmentError,
    LearnerNotActive,
    NotAllowedNow,
    PrerequisitesMissing,
    SessionNotOpen,
    WrongFormat,
)
from training.services.seats import count_seats, lock_session, promote_locked

Status = Enrolment.Status


def check_session_open(session: CourseSession, now=None) -> None:
    """Raise SessionNotOpen unless learners may enrol in `session` now."""
    if session.status == CourseSession.Status.CANCELLED:
        raise SessionNotOpen(_("この開催回は中止になりました。ほかの日をお選びください。"))
    if session.status != CourseSession.Status.PUBLISHED:
        raise SessionNotOpen()
    if session.starts_at <= (now or timezone.now()):
        raise SessionNotOpen(
            _("この開催回はすでに始まっているため、申し込めません。ほかの日をお選びください。")
        )


def missing_prerequisites(learner, course: Course) -> list[Course]:
    """The prerequisites of `course` that `learner` has never completed."""
    return [p.course for p in prerequisites_of(course, learner) if not p.completed]


# Written on waiting-list places that were never reached before the session began.
WAIT_ENDED_REASON = "開催済みのためキャンセル待ちを終了"


def end_waiting_lists(now=None, *, learner=None, course: Course | None = None) -> int:
    """Close the waiting-list places of sessions that have begun; return how many.

    Nobody is promoted once a session starts, so such a place would only keep
    the learner "enrolled" in progress() and stop them enrolling in a later
    session of the course. The daily check closes them all; enrol() closes the
    learner's own in the course, in its own transaction. Waiting places hold
    no seat, so no lock is needed.
    """
    now = now or timezone.now()
    stale = Enrolment.objects.waitlisted().filter(session__starts_at__lte=now)
    if learner is not None:
        stale = stale.of(learner)
    if course is not None:
        stale = stale.filter(course=course)
    return stale.update(
        status=Status.CANCELLED,
        status_reason=WAIT_ENDED_REASON,
        status_changed_at=now,
        cancelled_at=now,
        updated_at=now,
    )


def _check_learner_and_course(learner, course: Course) -> None:
    if not learner.is_active:
        raise LearnerNotActive()
    if not course.is_active:
        raise CourseNotOpen()
    missing = missing_prerequisites(learner, course)
    if missing:
        raise PrerequisitesMissing([c.display_title for c in missing])
    mine = Enrolment.objects.of(learner).open().filter(course=course)
    stale = Q(status=Status.WAITLISTED, session__starts_at__lte=timezone.now())
    if mine.exclude(stale).exists():
        raise AlreadyEnrolled()


def enrol(learner, session: CourseSession, *, by=None) -> Enrolment:
    """Enrol `learner` in `session`: confirmed if a seat is free and nobody waits, else waitlisted.

    Invariant: see the module docstring. Raises an EnrolmentError with a polite
    message and writes nothing when the learner is not active, the course is
    closed or self-study, a prerequisite is missing, the learner already holds
    an open enrolment in the course, or the session is a draft, cancelled or
    has started. Queues the confirmation or waiting-list email in the same
    transaction.

    The returned enrolment carries `waitlist_position` (1 = next in line;
    None when confirmed), counted under the lock.
    """
    course = session.course
    if course.is_self_study:
        raise WrongFormat(
            _("自習の研修には開催回がありません。研修のページから自習を始めてください。")
        )
    _check_learner_and_course(learner, course)
    check_session_open(session)
    try:
        with transaction.atomic():
            # A place on a waiting list that was never reached would break the
            # one-open-enrolment rule; it closes with this enrolment, or not at all.
            end_waiting_lists(learner=learner, course=course)
            # ---- the session's lock is held from here to commit: count, write, nothing else.
            locked = lock_session(session.pk)
            check_session_open(locked)  # it may have been cancelled while we waited
            seats, already = count_seats(locked, learner.pk)
            if already:
                raise AlreadyEnrolled()
            now = timezone.now()
            enrolment = Enrolment.objects.create(
                learner=learner,
                course=course,
                session=locked,
                # Set under the lock, so the waiting list's order is the order
                # in which requests got the lock: true arrival order.
                status=capacity.place(seats),
                requested_at=now,
                status_changed_at=now,
                created_by=by if by is not None and by != learner else None,
            )
            waiting = enrolment.status == Status.WAITLISTED
            # Those waiting now were all there before this one (requested_at order).
            enrolment.waitlist_position = seats.waiting + 1 if waiting else None
            if waiting:
                announce(
                    EmailLog.Kind.WAITLISTED,
                    [enrolment],
                    detail={"position": enrolment.waitlist_position},
                )
            else:
                announce(EmailLog.Kind.CONFIRMED, [enrolment])
            if by is not None and by != learner:
                audit.record(by, "training.enrol", enrolment, learner=learner.pk)
    except IntegrityError as exc:
        # The partial unique constraint caught an enrolment in another session
        # of the course made at the same moment.
        raise AlreadyEnrolled() from exc
    return enrolment


def enrol_self_study(learner, course: Course, *, by=None) -> Enrolment:
    """Start a self-study course: an enrolment with no session, confirmed at once.

    Invariant: one open enrolment per learner per course (the same checks as
    enrol(), without seats: self-study has no capacity).
    """
    if not course.is_self_study:
        raise WrongFormat(_("この研修は開催回を選んで申し込んでください。"))
    _check_learner_and_course(learner, course)
    now = timezone.now()
    try:
        with transaction.atomic():
            end_waiting_lists(learner=learner, course=course)
            enrolment = Enrolment.objects.create(
                learner=learner,
                course=course,
                session=None,
                status=Status.CONFIRMED,
                requested_at=now,
                status_changed_at=now,
                created_by=by if by is not None and by != learner else None,
            )
    except IntegrityError as exc:
        raise AlreadyEnrolled() from exc
    enrolment.waitlist_position = None
    return enrolment


def cancel_enrolment(enrolment: Enrolment, *, by, reason: str = "") -> list[Enrolment]:
    """Cancel an enrolment and promote from the waiting list; return the promoted.

    A learner cancels their own, before the session starts; a coordinator
    (anyone else) must give a reason. Attended or completed enrolments are not
    cancelled (attendance is undone on the roster instead). Invariant: a freed
    seat goes to the first waiting learners that fit, in order, before the lock
    is released. Cancelling twice changes nothing.
    """
    by_learner = by is not None and by.pk == enrolment.learner_id
    reason = (reason or "").strip()
    if not by_learner and not reason:
        raise EnrolmentError(_("取り消しの理由を入力してください。"))
    with transaction.atomic():
        session = lock_session(enrolment.session_id) if enrolment.session_id else None
        current = (
            Enrolment.objects.select_related("learner")
            .select_for_update(of=("self",))
            .get(pk=enrolment.pk)
        )
        if current.status == Status.CANCELLED:
            enrolment.status = current.status
            return []
        if current.status not in (Status.CONFIRMED, Status.WAITLISTED):
            raise NotAllowedNow(
                _("出席済み・修了済みの申込は取り消せません。研修担当にお問い合わせください。")
            )
        now = timezone.now()
        current.session = session
        if by_learner and not learner_may_cancel(current, now):
            raise NotAllowedNow(
                _("開催回が始まったあとは取り消せません。欠席するときは講師にお知らせください。")
            )
        held = current.status
        current.status = Status.CANCELLED
        current.status_reason = (reason or "本人による取り消し")[:200]
        current.status_changed_at = current.cancelled_at = now
        current.save(
            update_fields=[
                "status",
                "status_reason",
                "status_changed_at",
                "cancelled_at",
                "updated_at",
            ]
        )
        # The learner hears of it when a coordinator did it, or when the seat
        # was in their calendar (the email carries the iCalendar CANCEL).
        if session is not None and (not by_learner or held == Status.CONFIRMED):
            announce(
                EmailLog.Kind.CANCELLED,
                [current],
                detail={
                    "by_learner": by_learner,
                    "reason": reason,
                    "held_seat": held == Status.CONFIRMED,
                },
            )
        if not by_learner:
            audit.record(by, "training.cancel_enrolment", current, reason=reason)
        promoted = []
        if session is not None:
            # Even a waitlisted cancellation may matter: core.capacity promotes
            # in order, so the list is looked at whenever it changes.
            promoted = promote_locked(session, reason=f"繰り上げ：申込{current.pk}の取り消し")
    for field in ("status", "status_reason", "status_changed_at", "cancelled_at"):
        setattr(enrolment, field, getattr(current, field))
    return promoted


def promote_waitlist(session: CourseSession, *, reason: str) -> list[Enrolment]:
    """Confirm waiting learners who fit now, in arrival order; record `reason` on each."""
    with transaction.atomic():
        locked = lock_session(session.pk)
        return promote_locked(locked, reason=reason)


def waitlist_position(enrolment: Enrolment) -> int | None:
    """1 for the first person waiting; None unless the enrolment is waitlisted."""
    if enrolment.status != Status.WAITLISTED:
        return None
    ahead = (
        Enrolment.objects.filter(session_id=enrolment.session_id, status=Status.WAITLISTED)
        .filter(
            Q(requested_at__lt=enrolment.requested_at)
            | Q(requested_at=enrolment.requested_at, id__lt=enrolment.pk)
        )
        .count()
    )
    return ahead + 1
