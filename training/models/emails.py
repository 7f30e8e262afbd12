"""The email log: one row per email to a member of staff, written before it is sent.

A row is written in the same transaction as the change that causes it (an
enrolment, a promotion, a cancelled session), so a committed change always has
its email and a rolled-back one never does. Its unique constraints make the
row, and so the email, exist once per (kind, enrolment or requirement,
recipient), however often a task is retried. A worker claims a row before it
sends (training.emails.delivery), so two workers never send the same one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from training.models.enrolments import Enrolment
from training.models.requirements import Requirement


class EmailLogQuerySet(models.QuerySet):
    def due(self, now):
        """Waiting to be sent, or claimed by a worker whose claim ran out (it died or hung)."""
        return self.filter(
            Q(status=EmailLog.Status.PENDING, next_attempt_at__lte=now)
            | Q(status=EmailLog.Status.SENDING, claimed_until__lt=now)
        )


class EmailLog(models.Model):
    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", _("受講の確定")
        WAITLISTED = "waitlisted", _("キャンセル待ちの受付")
        PROMOTED = "promoted", _("キャンセル待ちからの繰り上げ")
        CANCELLED = "cancelled", _("受講の取り消し")
        SESSION_CANCELLED = "session_cancelled", _("開催回の中止")
        SESSION_CHANGED = "session_changed", _("日時・会場の変更")
        DUE_REMINDER = "due_reminder", _("必修研修の期限前のお知らせ")

    class Status(models.TextChoices):
        PENDING = "pending", _("送信待ち")
        SENDING = "sending", _("送信中")
        SENT = "sent", _("送信済み")
        SKIPPED = "skipped", _("送信不要")
        FAILED = "failed", _("送信できず")

    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("受講申込"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
    )
    requirement = models.ForeignKey(
        Requirement,
        verbose_name=_("必修研修"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("職員"),
        on_delete=models.CASCADE,
        related_name="training_emails",
    )
    recipient = models.EmailField(_("宛先"))
    # Tells apart emails of one kind about one enrolment: a session moved twice
    # sends two change notices (the session's SEQUENCE at the time).
    occasion = models.CharField(_("機会"), max_length=40, blank=True, default="")
    # What the email says that may change later (the place on the waiting list then).
    detail = models.JSONField(_("詳細"), default=dict, blank=True)
    status = models.CharField(
        _("状態"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("試行回数"), default=0)
    next_attempt_at = models.DateTimeField(_("次の送信"), default=timezone.now)
    claimed_until = models.DateTimeField(_("処理中の期限"), null=True, blank=True)
    claim = models.UUIDField(_("処理の識別子"), null=True, blank=True)
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)
    last_error = models.CharField(_("最後のエラー"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    objects = EmailLogQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("職員へのメール")
        verbose_name_plural = _("職員へのメール")
        constraints = [
            models.CheckConstraint(
                condition=Q(enrolment__isnull=False) ^ Q(requirement__isnull=False),
                name="email_log_enrolment_or_requirement",
            ),
            models.UniqueConstraint(
                fields=["kind", "enrolment", "recipient", "occasion"],
                condition=Q(enrolment__isnull=False),
                name="one_email_per_kind_enrolment_recipient",
            ),
            models.UniqueConstraint(
                fields=["kind", "requirement", "recipient"],
                condition=Q(requirement__isnull=False),
                name="one_email_per_kind_requirement_recipient",
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient} ({self.get_status_display()})"
