"""How an enrolment becomes a completion: attendance, the self-study declaration, the quiz.

The rule, in one place (`_after_attendance_or_quiz`): attending completes a
course unless the course needs the quiz too (Course.needs_quiz, always true
for self-study); then the enrolment is "attended" until the quiz is passed.
Self-study is completed by the learner's declaration plus a passed quiz.

Marks change seats (an absence gives the seat up), so they are written under
the session's row lock, like enrolments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from training.models import Certificate, Enrolment
from training.services.errors import AlreadyEnrolled, EnrolmentError, NotAllowedNow
from training.services.seats import count_seats, lock_session

Status = Enrolment.Status
Attendance = Enrolment.Attendance

# Instructors open the roster as people arrive; marks before that would be guesses.
ATTENDANCE_OPENS_BEFORE = dt.timedelta(minutes=30)
ABSENT_REASON = "欠席"

_FIELDS = [
    "status",
    "attendance",
    "attended_at",
    "completed_at",
    "cancelled_at",
    "status_reason",
    "status_changed_at",
    "updated_at",
]


def _after_attendance_or_quiz(enrolment: Enrolment, now: dt.datetime) -> None:
    """Completed if nothing more is needed, else attended (waiting for the quiz)."""
    if enrolment.course.needs_quiz and enrolment.quiz_passed_at is None:
        enrolment.status = Status.ATTENDED
        enrolment.completed_at = None
    else:
        enrolment.status = Status.COMPLETED
        enrolment.completed_at = now


def _certificate_follows(enrolment: Enrolment, now: dt.datetime) -> None:
    # A certificate already issued stays true to the completion: withdrawn
    # when the completion is undone, valid again when it is restored.
    certificates = Certificate.objects.filter(enrolment=enrolment)
    if enrolment.status == Status.COMPLETED:
        certificates.filter(revoked_at__isnull=False).update(revoked_at=None)
    else:
        certificates.filter(revoked_at__isnull=True).update(revoked_at=now)


def attendance_open(session, now=None) -> bool:
    return (now or timezone.now()) >= session.starts_at - ATTENDANCE_OPENS_BEFORE


def mark_attendance(enrolment: Enrolment, value: str, *, by) -> Enrolment:
    """Mark a learner present or absent in their session, or undo the mark ("").

    Present: completed, or attended until the quiz is passed. Absent: the
    enrolment is cancelled (the seat given up, the course open to them again;
    nobody is promoted, the session has begun). Undo: back to confirmed.
    Marks open 30 minutes before the start; a session that is cancelled, a
    waitlisted or cancelled enrolment, or self-study take none. Giving a seat
    back (undoing an absence) is refused if it would exceed capacity, or if
    the learner has since enrolled elsewhere in the course.
    """
    if value not in (Attendance.PRESENT, Attendance.ABSENT, Attendance.UNMARKED):
        raise EnrolmentError(_("出欠の値が正しくありません。"))
    if enrolment.session_id is None:
        raise NotAllowedNow(_("自習の研修には出欠がありません。"))
    try:
        with transaction.atomic():
            session = lock_session(enrolment.session_id)
            current = (
                Enrolment.objects.select_related("course", "learner")
                .select_for_update(of=("self",))
                .get(pk=enrolment.pk)
            )
            _check_markable(session, current)
            if current.attendance == value:
                return current
            now = timezone.now()
            gave_up_seat = current.status == Status.CANCELLED
            if gave_up_seat and value != Attendance.ABSENT:
                seats, _mine = count_seats(session)
                if seats.taken >= session.capacity:
                    raise NotAllowedNow(
                        _(
                            "この開催回は満席のため、欠席を取り消せません。研修担当にご相談ください。"
                        )
                    )
            current.attendance = value
            current.status_changed_at = now
            if value == Attendance.PRESENT:
                current.attended_at = now
                current.cancelled_at = None
                current.status_reason = ""
                _after_attendance_or_quiz(current, now)
            elif value == Attendance.ABSENT:
                current.status = Status.CANCELLED
                current.attended_at = current.completed_at = None
                current.cancelled_at = now
                current.status_reason = ABSENT_REASON
            else:
                current.status = Status.CONFIRMED
                current.attended_at = current.completed_at = current.cancelled_at = None
                current.status_reason = ""
            current.save(update_fields=_FIELDS)
            _certificate_follows(current, now)
            audit.record(by, "training.mark_attendance", current, attendance=value or "undo")
    except IntegrityError as exc:
        # The partial unique constraint: they enrolled in another session of the course.
        raise AlreadyEnrolled(
            _("この方は同じ研修の別の開催回に申し込んでいるため、欠席を取り消せません。")
        ) from exc
    return current


def _check_markable(session, enrolment: Enrolment) -> None:
    if session.is_cancelled:
        raise NotAllowedNow(_("中止になった開催回の出欠は記録できません。"))
    if not attendance_open(session):
        raise NotAllowedNow(_("出欠は開始の30分前から記録できます。"))
    if enrolment.status == Status.WAITLISTED:
        raise NotAllowedNow(_("キャンセル待ちの方の出欠は記録できません。"))
    if enrolment.status == Status.CANCELLED and enrolment.attendance != Attendance.ABSENT:
        raise NotAllowedNow(_("取り消された申込の出欠は記録できません。"))


def declare_self_study(enrolment: Enrolment, *, by) -> Enrolment:
    """The learner's statement that they have studied a self-study course's material.

    Idempotent: the first declaration's time is kept. The quiz opens after it.
    """
    if not enrolment.course.is_self_study:
        raise NotAllowedNow(_("この研修は自習ではありません。"))
    with transaction.atomic():
        current = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if current.status != Status.CONFIRMED:
            raise NotAllowedNow(_("この申込では、学習完了を申告できません。"))
        if current.declared_at is None:
            current.declared_at = timezone.now()
            current.save(update_fields=["declared_at", "updated_at"])
    enrolment.declared_at = current.declared_at
    return current


@dataclass(frozen=True)
class QuizResult:
    correct: int
    total: int
    score: int  # percent, rounded half up
    passed: bool
    attempts: int


def quiz_open(enrolment: Enrolment) -> bool:
    """Whether the learner may take the quiz now (any number of retakes until passed)."""
    if not enrolment.course.needs_quiz or enrolment.status == Status.COMPLETED:
        return False
    if enrolment.course.is_self_study:
        return enrolment.status == Status.CONFIRMED and enrolment.declared_at is not None
    return enrolment.status == Status.ATTENDED


def score_percent(correct: int, total: int) -> int:
    """Percent rounded half up (2 of 3 is 67): what the learner sees and the pass mark meets."""
    return (correct * 200 + total) // (2 * total)


def submit_quiz(enrolment: Enrolment, answers: Mapping[int, int], *, by) -> QuizResult:
    """Grade the learner's answers (question id -> choice id) on the server.

    Every question must be answered; then the attempt is counted and the score
    kept. A score at or above the course's pass mark completes the enrolment.
    Retakes are allowed until it is passed. Refused (nothing written) if the
    quiz is not open for this enrolment or the course has no questions.
    """
    with transaction.atomic():
        current = (
            Enrolment.objects.select_related("course")
            .select_for_update(of=("self",))
            .get(pk=enrolment.pk)
        )
        if current.status == Status.COMPLETED:
            raise NotAllowedNow(_("この研修はすでに修了しています。"))
        if not quiz_open(current):
            raise NotAllowedNow(_("確認テストは、まだ受けられません。"))
        questions = list(current.course.questions.prefetch_related("choices"))
        if not questions:
            raise NotAllowedNow(
                _("この研修の確認テストはまだ用意されていません。研修担当にお問い合わせください。")
            )
        if any(q.pk not in answers for q in questions):
            raise EnrolmentError(_("すべての問題に答えてから送信してください。"))
        correct = sum(
            1 for q in questions if answers[q.pk] in {c.pk for c in q.choices.all() if c.is_correct}
        )
        score = score_percent(correct, len(questions))
        passed = score >= current.course.pass_mark
        now = timezone.now()
        current.quiz_attempts += 1
        current.quiz_score = score
        fields = ["quiz_attempts", "quiz_score", "updated_at"]
        if passed:
            current.quiz_passed_at = now
            current.status = Status.COMPLETED
            current.completed_at = current.status_changed_at = now
            fields += ["quiz_passed_at", "status", "completed_at", "status_changed_at"]
        current.save(update_fields=fields)
        if passed:
            _certificate_follows(current, now)
    for name in ("quiz_attempts", "quiz_score", "quiz_passed_at", "status", "completed_at"):
        setattr(enrolment, name, getattr(current, name))
    return QuizResult(correct, len(questions), score, passed, current.quiz_attempts)
