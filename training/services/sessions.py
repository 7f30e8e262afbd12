"""A coordinator's changes to a course session: edit, publish, cancel.

Each function owns its transaction and takes the session's row lock, so an
edit never interleaves with an enrolment counting seats. Every change raises
the session's iCalendar SEQUENCE, so calendars and emailed invitations update
the event they already hold (core.calendar).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from training.emails.outbox import announce
from training.models import CourseSession, EmailLog, Enrolment
from training.models.enrolments import SESSION_CANCELLED_REASON
from training.services.errors import EnrolmentError, NotAllowedNow
from training.services.seats import lock_session, promote_locked

# Changes a learner who holds a seat must be told of (a new invitation goes out).
_MOVING_FIELDS = {"starts_at", "ends_at", "room", "online_url"}
_EDITABLE_FIELDS = {*_MOVING_FIELDS, "capacity", "instructor", "notes"}


def _validate(session: CourseSession) -> None:
    errors = {}
    if session.ends_at <= session.starts_at:
        errors["ends_at"] = _("終了は開始より後の時刻にしてください。")
    if session.capacity < 1:
        errors["capacity"] = _("定員は1人以上にしてください。")
    if errors:
        raise ValidationError(errors)


def update_session(session: CourseSession, *, by, **changes) -> list[Enrolment]:
    """Change a session's details; raise SEQUENCE; promote from the waiting list if capacity grew.

    Invariant: capacity is never exceeded (lowering it confirms nobody new
    until enough cancel; nobody confirmed is removed). Raises ValidationError
    per field for an end before the start or a capacity below one. Learners
    holding a seat in a published session get a change notice with the new
    invitation when its time, room or meeting link changes. Returns the promoted.
    """
    unknown = set(changes) - _EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"update_session cannot change {sorted(unknown)}")
    with transaction.atomic():
        locked = lock_session(session.pk)
        changed = [name for name, value in changes.items() if getattr(locked, name) != value]
        if not changed:
            return []
        old_capacity = locked.capacity
        for name in changed:
            setattr(locked, name, changes[name])
        _validate(locked)
        locked.sequence += 1
        locked.save(update_fields=[*changed, "sequence", "updated_at"])
        audit.record(by, "training.update_session", locked, changed=changed)
        promoted: list[Enrolment] = []
        if locked.status == CourseSession.Status.PUBLISHED:
            if locked.capacity > old_capacity:
                promoted = promote_locked(
                    locked, reason=f"繰り上げ：定員を{old_capacity}人から{locked.capacity}人に変更"
                )
            if _MOVING_FIELDS & set(changed):
                holders = Enrolment.objects.filter(
                    session=locked, status=Enrolment.Status.CONFIRMED
                ).select_related("learner")
                promoted_ids = {e.pk for e in promoted}
                announce(
                    EmailLog.Kind.SESSION_CHANGED,
                    [e for e in holders if e.pk not in promoted_ids],
                    occasion=str(locked.sequence),
                )
    for name in [*changed, "sequence"]:
        setattr(session, name, getattr(locked, name))
    return promoted


def publish_session(session: CourseSession, *, by) -> None:
    """Open a draft session for enrolment (raises SEQUENCE so calendars refresh)."""
    with transaction.atomic():
        locked = lock_session(session.pk)
        if locked.status != CourseSession.Status.DRAFT:
            return
        if locked.course.is_self_study:
            raise EnrolmentError(_("自習の研修には開催回を公開できません。"))
        if locked.starts_at <= timezone.now():
            raise EnrolmentError(
                _("開始日時を過ぎた開催回は公開できません。日時を直してください。")
            )
        locked.status = CourseSession.Status.PUBLISHED
        locked.sequence += 1
        locked.save(update_fields=["status", "sequence", "updated_at"])
        audit.record(by, "training.publish_session", locked)
    session.status, session.sequence = locked.status, locked.sequence


def cancel_session(session: CourseSession, *, by, reason: str) -> list[Enrolment]:
    """Cancel a session and every open enrolment in it; each learner gets the cancellation email.

    A reason is required (learners read it). A session whose attendance has
    been taken is not cancelled: those learners came. Cancelling twice changes
    nothing. Returns the enrolments it cancelled.
    """
    reason = (reason or "").strip()
    if not reason:
        raise EnrolmentError(_("中止の理由を入力してください。受講者へのメールに書かれます。"))
    with transaction.atomic():
        locked = lock_session(session.pk)
        if locked.status == CourseSession.Status.CANCELLED:
            return []
        if Enrolment.objects.filter(session=locked).exclude(attendance="").exists():
            raise NotAllowedNow(_("出欠を記録した開催回は中止できません。"))
        now = timezone.now()
        locked.status = CourseSession.Status.CANCELLED
        locked.cancellation_reason = reason[:200]
        locked.sequence += 1
        locked.save(update_fields=["status", "cancellation_reason", "sequence", "updated_at"])
        affected = list(
            Enrolment.objects.filter(session=locked)
            .open()
            .select_related("learner")
            .order_by("requested_at", "id")
        )
        Enrolment.objects.filter(pk__in=[e.pk for e in affected]).update(
            status=Enrolment.Status.CANCELLED,
            status_reason=f"{SESSION_CANCELLED_REASON}：{reason}"[:200],
            status_changed_at=now,
            cancelled_at=now,
            updated_at=now,
        )
        announce(
            EmailLog.Kind.SESSION_CANCELLED,
            affected,
            detail={"reason": reason},
            details={
                e.pk: {"held_seat": e.status != Enrolment.Status.WAITLISTED} for e in affected
            },
        )
        audit.record(by, "training.cancel_session", locked, reason=reason, enrolments=len(affected))
    for name in ("status", "cancellation_reason", "sequence"):
        setattr(session, name, getattr(locked, name))
    return affected
