"""Who takes a course: enrolments (seats, the waiting list, attendance, completion) and certificates.

State changes (enrolling, cancelling, promoting, marking attendance, passing a
quiz) live in training.services; these models hold the data and the queries.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from training.models.courses import Course, CourseSession

# The reason written on each enrolment a cancelled session cancels (then "：" and the
# coordinator's reason); the learner's calendar keeps those sessions as cancelled.
SESSION_CANCELLED_REASON = "開催回の中止"


class EnrolmentQuerySet(models.QuerySet):
    def holding_seats(self):
        """Enrolments that take a seat in their session (core.capacity's "taken")."""
        return self.filter(status__in=Enrolment.SEAT_HOLDING)

    def waitlisted(self):
        return self.filter(status=Enrolment.Status.WAITLISTED)

    def open(self):
        """Not cancelled and not yet completed: the learner is still on their way."""
        return self.filter(status__in=Enrolment.OPEN)

    def completed(self):
        return self.filter(status=Enrolment.Status.COMPLETED)

    def completed_between(self, start, end):
        """Completed on or after `start` and before `end` (aware datetimes)."""
        return self.completed().filter(completed_at__gte=start, completed_at__lt=end)

    def of(self, learner):
        return self.filter(learner=learner)

    def in_sessions(self):
        """Enrolments in a session (not self-study), with what a page about them shows."""
        return self.filter(session__isnull=False).select_related(
            "course", "course__skill_area", "session", "session__instructor"
        )

    def in_calendar(self):
        """What a learner's calendar shows: seats they hold, and sessions cancelled under them."""
        return self.filter(session__isnull=False).filter(
            Q(status__in=Enrolment.SEAT_HOLDING)
            | Q(
                status=Enrolment.Status.CANCELLED,
                session__status=CourseSession.Status.CANCELLED,
                status_reason__startswith=SESSION_CANCELLED_REASON,
            )
        )

    def with_waitlist_position(self):
        """Annotate `waitlist_position` (1 = next to be promoted) in the same query.

        The waiting list's order is (requested_at, id), as in core.capacity's
        "first come, first served".
        """
        ahead = (
            Enrolment.objects.filter(
                session_id=OuterRef("session_id"), status=Enrolment.Status.WAITLISTED
            )
            .filter(
                Q(requested_at__lt=OuterRef("requested_at"))
                | Q(requested_at=OuterRef("requested_at"), id__lt=OuterRef("id"))
            )
            .order_by()
            .values("session_id")
            .annotate(n=Count("id"))
            .values("n")
        )
        return self.annotate(waitlist_position=Coalesce(Subquery(ahead), 0) + 1)


class Enrolment(models.Model):
    """A staff learner's place (or place on the waiting list) in a course session.

    Self-study courses have no session: the enrolment is the learner's own copy
    of the course, completed by their declaration and the quiz.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("受講予定")
        WAITLISTED = "waitlisted", _("キャンセル待ち")
        CANCELLED = "cancelled", _("取り消し")
        ATTENDED = "attended", _("出席（テスト待ち）")
        COMPLETED = "completed", _("修了")

    class Attendance(models.TextChoices):
        UNMARKED = "", _("未確認")
        PRESENT = "present", _("出席")
        ABSENT = "absent", _("欠席")

    SEAT_HOLDING = (Status.CONFIRMED, Status.ATTENDED, Status.COMPLETED)
    OPEN = (Status.CONFIRMED, Status.WAITLISTED, Status.ATTENDED)

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("受講者"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    course = models.ForeignKey(
        Course, verbose_name=_("研修"), on_delete=models.PROTECT, related_name="enrolments"
    )
    session = models.ForeignKey(
        CourseSession,
        verbose_name=_("開催回"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    status = models.CharField(_("状態"), max_length=12, choices=Status.choices, db_index=True)
    attendance = models.CharField(
        _("出欠"), max_length=8, choices=Attendance.choices, blank=True, default=""
    )
    # The waiting list is first come, first served: ordered by this, then id.
    requested_at = models.DateTimeField(_("申込日時"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("状態の変更日時"), default=timezone.now)
    status_reason = models.CharField(_("状態の理由"), max_length=200, blank=True)
    promoted_at = models.DateTimeField(_("繰り上げ日時"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取り消し日時"), null=True, blank=True)
    attended_at = models.DateTimeField(_("出席日時"), null=True, blank=True)
    # Self-study: the learner's own statement that they worked through the material.
    declared_at = models.DateTimeField(_("学習完了の申告日時"), null=True, blank=True)
    quiz_score = models.PositiveSmallIntegerField(
        _("確認テストの得点（％）"), null=True, blank=True
    )
    quiz_attempts = models.PositiveSmallIntegerField(_("確認テストの回数"), default=0)
    quiz_passed_at = models.DateTimeField(_("確認テスト合格日時"), null=True, blank=True)
    completed_at = models.DateTimeField(_("修了日時"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登録者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("受講申込")
        verbose_name_plural = _("受講申込")
        constraints = [
            # One open enrolment per person per course: a second session of the
            # same course is refused until the first is cancelled or completed
            # (a course may be taken again in a later year, e.g. security).
            models.UniqueConstraint(
                fields=["learner", "course"],
                condition=Q(status__in=["confirmed", "waitlisted", "attended"]),
                name="one_open_enrolment_per_learner_per_course",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="completed_enrolment_has_completed_at",
            ),
            models.CheckConstraint(
                condition=Q(quiz_score__isnull=True) | Q(quiz_score__lte=100),
                name="enrolment_quiz_score_percent",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "status", "requested_at"]),
            models.Index(fields=["learner", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.learner} → {self.course} ({self.get_status_display()})"

    @property
    def holds_seat(self) -> bool:
        return self.status in self.SEAT_HOLDING

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


def new_certificate_serial() -> str:
    """A serial that cannot be guessed from another one: the verification page names a person."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read over the phone
    body = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{body[:5]}-{body[5:]}"


class Certificate(models.Model):
    """A completion certificate (修了証). What it certifies is copied at issue, as on paper."""

    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("受講申込"), on_delete=models.PROTECT, related_name="certificate"
    )
    serial = models.CharField(
        _("証明書番号"), max_length=32, unique=True, default=new_certificate_serial
    )
    holder_name = models.CharField(_("氏名"), max_length=100)
    course_title = models.CharField(_("研修名"), max_length=120)
    completed_on = models.DateField(_("修了日"))
    hours = models.DecimalField(_("研修時間"), max_digits=4, decimal_places=1)
    issued_at = models.DateTimeField(_("発行日時"), default=timezone.now)
    # Set if the completion is withdrawn (marked present by mistake): the
    # verification page then says the certificate is no longer valid.
    revoked_at = models.DateTimeField(_("取り消し日時"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("修了証")
        verbose_name_plural = _("修了証")

    def __str__(self) -> str:
        return self.serial

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
