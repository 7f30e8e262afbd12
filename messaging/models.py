"""The message log, editable message texts, opt-outs and the inbox.

Sending rules (who gets what, when, exactly once) live in messaging.services;
these models hold the data, the constraints that make "exactly once" hold in
the database itself, and the queries.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.office_days import office_closed_on


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    VOICE = "voice", _("自動音声の電話")


class Purpose(models.TextChoices):
    CONFIRMATION = "confirmation", _("申込の受付")
    WAITLISTED = "waitlisted", _("キャンセル待ちの受付")
    REMINDER = "reminder", _("教室の前のお知らせ")
    PROMOTION = "promotion", _("キャンセル待ちからの繰り上げ")
    CLASS_CANCELLED = "class_cancelled", _("教室の中止")
    CLASS_MOVED = "class_moved", _("教室の日時・会場の変更")
    FOLLOW_UP = "follow_up", _("教室のあとのご案内")


class MessageQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(status=Message.Status.QUEUED, due_at__lte=now)

    def stale_claims(self, now):
        """Claimed by a worker that has not finished in time (killed, or hung)."""
        return self.filter(status=Message.Status.SENDING, claimed_until__lt=now)

    def with_related(self):
        return self.select_related(
            "registration", "registration__session", "registration__session__topic", "resident"
        )


class Message(models.Model):
    """One SMS or voice call to one resident for one purpose (the message log).

    At most one row exists per (registration, purpose, occasion): the unique
    constraint is what makes sending exactly once hold with any number of
    workers. `occasion` tells apart the moments of one purpose (the reminder
    "2@10:00", the class's iCalendar sequence for a move); it is "" otherwise.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("送信待ち")
        SENDING = "sending", _("送信中")
        SENT = "sent", _("送信済み")
        DELIVERED = "delivered", _("届いた")
        UNDELIVERED = "undelivered", _("届かなかった")
        FAILED = "failed", _("失敗")
        SKIPPED = "skipped", _("送らなかった")

    # Statuses in the order a message moves through them: a late status
    # callback never moves a message backwards (Twilio may send them out of order).
    RANK = {
        "queued": 0,
        "sending": 1,
        "sent": 2,
        "delivered": 3,
        "undelivered": 3,
        "failed": 3,
        "skipped": 3,
    }

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    registration = models.ForeignKey(
        "outreach.Registration",
        verbose_name=_("申込"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    resident = models.ForeignKey(
        "outreach.Resident",
        verbose_name=_("住民"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    to = models.CharField(_("宛先"), max_length=20, db_index=True)
    channel = models.CharField(_("方法"), max_length=8, choices=Channel.choices)
    purpose = models.CharField(_("目的"), max_length=20, choices=Purpose.choices)
    occasion = models.CharField(max_length=40, blank=True, default="")
    language = models.CharField(_("ことば"), max_length=12, default="ja")
    body = models.TextField(_("本文"))
    status = models.CharField(
        _("状態"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    due_at = models.DateTimeField(_("送信予定"))
    claimed_until = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("試行回数"), default=0)
    provider_id = models.CharField(_("Twilio ID"), max_length=64, blank=True, db_index=True)
    error_code = models.CharField(_("エラーコード"), max_length=20, blank=True)
    error_message = models.CharField(_("エラーの内容"), max_length=300, blank=True)
    segments = models.PositiveSmallIntegerField(_("通数"), default=1)
    # Twilio's own price where it reported one (negative in its API; stored positive).
    price = models.DecimalField(_("料金"), max_digits=10, decimal_places=5, null=True, blank=True)
    price_unit = models.CharField(max_length=3, blank=True)
    # The answer pressed on an automated call: 1 (coming) or 9 (cancel).
    response = models.CharField(_("電話での回答"), max_length=12, blank=True)
    resent_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("到着日時"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("メッセージ")
        verbose_name_plural = _("メッセージ")
        constraints = [
            # Exactly once per registration, purpose and occasion. A coordinator's
            # resend is a new row with resent_from set, outside this constraint.
            models.UniqueConstraint(
                fields=["registration", "purpose", "occasion"],
                condition=Q(resent_from__isnull=True),
                name="one_message_per_registration_purpose_occasion",
            ),
        ]
        indexes = [
            # The two halves of claim_batch, each read in order with a LIMIT.
            # Partial: a row leaves them when its status moves on, so they
            # stay as small as the work waiting, not the whole message log.
            models.Index(
                fields=["due_at", "id"],
                condition=Q(status="queued"),
                name="messaging_queued_due_idx",
            ),
            models.Index(
                fields=["claimed_until", "id"],
                condition=Q(status="sending"),
                name="messaging_claim_expiry_idx",
            ),
            # The outbox's status filter, newest first.
            models.Index(fields=["status", "-created_at"], name="messaging_status_idx"),
            models.Index(fields=["created_at"], name="messaging_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} → {self.to} ({self.get_status_display()})"


class MessageTemplate(models.Model):
    """A coordinator's wording of one purpose in one language for one channel.

    Without a row the built-in text in messaging.texts is used.
    """

    purpose = models.CharField(_("目的"), max_length=20, choices=Purpose.choices)
    language = models.CharField(_("ことば"), max_length=12)
    channel = models.CharField(_("方法"), max_length=8, choices=Channel.choices)
    body = models.TextField(_("本文"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["purpose", "language", "channel"]
        verbose_name = _("メッセージの文面")
        verbose_name_plural = _("メッセージの文面")
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "language", "channel"], name="one_template_per_purpose"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.language}, {self.get_channel_display()})"


class OptOut(models.Model):
    """A phone number that gets no messages (STOP, or asked at the desk)."""

    class Source(models.TextChoices):
        SMS = "sms", _("SMSで停止")
        DESK = "desk", _("窓口で受付")
        PROVIDER = "provider", _("Twilioが拒否（21610）")

    phone = models.CharField(_("電話番号"), max_length=20, unique=True)
    source = models.CharField(_("受付方法"), max_length=10, choices=Source.choices)
    note = models.CharField(_("メモ"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("停止日時"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("配信停止")
        verbose_name_plural = _("配信停止")

    def __str__(self) -> str:
        return self.phone


class InboundMessage(models.Model):
    """An SMS or a recorded voice message from a resident, for the coordinators' inbox."""

    class Kind(models.TextChoices):
        SMS = "sms", _("SMS")
        VOICEMAIL = "voicemail", _("留守番電話")

    kind = models.CharField(_("種類"), max_length=10, choices=Kind.choices)
    from_number = models.CharField(_("発信元"), max_length=20, db_index=True)
    body = models.TextField(_("内容"), blank=True)
    recording_url = models.URLField(_("録音"), blank=True)
    recording_seconds = models.PositiveIntegerField(_("録音の長さ（秒）"), null=True, blank=True)
    # Twilio's MessageSid / RecordingSid: a retried webhook is stored once.
    provider_id = models.CharField(max_length=64, unique=True)
    handled_at = models.DateTimeField(_("対応日時"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(_("受信日時"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("受信メッセージ")
        verbose_name_plural = _("受信メッセージ")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.from_number}"


# --- The desk's phone hours ------------------------------------------------------------
# Kept in messaging, not core: only the phone desk's call routing reads them (the voice
# menu puts a caller through to the desk, or takes a message). The hours residents
# read on the web pages are a sentence (settings.DESK_OPENING_HOURS), not these rows.


class Weekday(models.IntegerChoices):
    # The numbers of datetime.date.weekday() (0 = Monday), as DESK_OFFICE_HOURS uses.
    MONDAY = 0, _("月曜日")
    TUESDAY = 1, _("火曜日")
    WEDNESDAY = 2, _("水曜日")
    THURSDAY = 3, _("木曜日")
    FRIDAY = 4, _("金曜日")
    SATURDAY = 5, _("土曜日")
    SUNDAY = 6, _("日曜日")


class DeskHoursQuerySet(models.QuerySet):
    def hours_on(self, day: dt.date) -> tuple[dt.time, dt.time] | None:
        """(opens, closes) of the phone desk on `day`, or None when it is closed.

        A row for the date itself wins (a closed day, or special hours, even on a
        holiday). Otherwise national holidays and the year-end closure are closed,
        and the weekday's row gives the hours; a weekday without a row is closed.
        With no weekday rows at all, settings.DESK_OFFICE_HOURS gives them, so an
        install nobody has set up keeps its configured hours. One query.
        """
        rows = list(self.filter(Q(date=day) | Q(date__isnull=True)))
        for row in rows:
            if row.date == day:
                return row.span()
        if office_closed_on(day):
            return None
        weekly = {row.weekday: row for row in rows}
        if weekly:
            row = weekly.get(day.weekday())
            return row.span() if row else None
        fallback = settings.DESK_OFFICE_HOURS
        if fallback.first_day <= day.weekday() <= fallback.last_day:
            return fallback.opens, fallback.closes
        return None


class DeskHours(models.Model):
    """The hours the coordinator desk answers its phone: one row per weekday, and
    dated exceptions (a day closed, or special hours on one date)."""

    weekday = models.PositiveSmallIntegerField(
        _("曜日"),
        choices=Weekday.choices,
        null=True,
        blank=True,
        unique=True,
        error_messages={"unique": _("この曜日の行はもうあります。その行を編集してください。")},
    )
    date = models.DateField(
        _("日付"),
        null=True,
        blank=True,
        unique=True,
        error_messages={"unique": _("この日付の行はもうあります。その行を編集してください。")},
        help_text=_("この日だけの時間、または臨時のお休み。曜日か日付のどちらかを入れます。"),
    )
    is_closed = models.BooleanField(_("休み"), default=False)
    opens = models.TimeField(_("開始時刻"), null=True, blank=True)
    closes = models.TimeField(_("終了時刻"), null=True, blank=True)
    note = models.CharField(_("メモ"), max_length=100, blank=True)

    objects = DeskHoursQuerySet.as_manager()

    class Meta:
        verbose_name = _("窓口の受付時間")
        verbose_name_plural = _("窓口の受付時間")
        ordering = [F("weekday").asc(nulls_last=True), "date"]
        constraints = [
            models.CheckConstraint(
                name="deskhours_weekday_or_date",
                condition=Q(weekday__isnull=False, date__isnull=True)
                | Q(weekday__isnull=True, date__isnull=False),
                violation_error_message=_("曜日か日付の、どちらか一つだけを入れてください。"),
            ),
            models.CheckConstraint(
                name="deskhours_closes_after_opens",
                condition=Q(is_closed=True)
                | Q(opens__isnull=False, closes__isnull=False, closes__gt=F("opens")),
                violation_error_message=_("終了時刻は、開始時刻より後にしてください。"),
            ),
        ]

    def __str__(self):
        when = self.get_weekday_display() if self.weekday is not None else str(self.date)
        if self.is_closed:
            return f"{when} {_('休み')}"
        return f"{when} {self.opens:%H:%M}〜{self.closes:%H:%M}"

    def clean(self):
        errors = {}
        if (self.weekday is None) == (self.date is None):
            errors["date"] = _("曜日か日付の、どちらか一つだけを入れてください。")
        if not self.is_closed:
            if self.opens is None:
                errors["opens"] = _("開始時刻を入れてください（お休みの日は「休み」に印）。")
            if self.closes is None:
                errors["closes"] = _("終了時刻を入れてください（お休みの日は「休み」に印）。")
            elif self.opens is not None and self.closes <= self.opens:
                errors["closes"] = _("終了時刻は、開始時刻より後にしてください。")
        if errors:
            raise ValidationError(errors)

    def span(self) -> tuple[dt.time, dt.time] | None:
        return None if self.is_closed else (self.opens, self.closes)
