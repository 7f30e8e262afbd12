"""Attendance taken on a trainer's tablet, often with no signal (DESIGN.md "What it does" 3).

Everything a trainer records in class is an append-only log of marks, each
made on the device with its own UUID and the device's clock:

- the UUID makes a replayed batch harmless (one row per UUID, a unique
  constraint, inserts that ignore conflicts);
- the device's clock (`made_at`) decides what is current when two tablets mark
  the same person: the latest mark wins, ties broken by the UUID so every
  server and every device agrees; nothing is overwritten, so the coordinator
  sees the whole history.

A walk-in added offline carries a UUID too (`WalkIn`), so replaying it creates
one registration, not one per replay.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from outreach.models.classes import ClassSession, Topic
from outreach.models.people import Registration


class CanDoStatement(models.Model):
    """One "I can …" statement of a topic, asked before and after the class (できることチェック)."""

    topic = models.ForeignKey(
        Topic, verbose_name=_("講座の内容"), on_delete=models.CASCADE, related_name="can_dos"
    )
    text = models.CharField(_("できること"), max_length=120)
    text_en = models.CharField(_("できること（英語）"), max_length=160, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("並び順"), default=0)
    # Retired statements stay for old answers but are no longer asked.
    is_active = models.BooleanField(_("使用中"), default=True)

    class Meta:
        ordering = ["topic", "sort_order", "id"]
        verbose_name = _("できることチェックの項目")
        verbose_name_plural = _("できることチェックの項目")
        constraints = [
            models.UniqueConstraint(fields=["topic", "text"], name="can_do_text_unique_per_topic")
        ]

    def __str__(self) -> str:
        return self.display_text

    @property
    def display_text(self) -> str:
        language = get_language() or "ja"
        if not language.startswith("ja") and self.text_en:
            return self.text_en
        return self.text


class AttendanceMark(models.Model):
    """One thing a trainer recorded about one registration, as the device made it.

    `kind` says what the mark is about and `value` what was recorded; the
    current state of a (registration, kind, statement, phase) is the latest
    mark of that key. Marks are never updated or deleted by the app.
    """

    class Kind(models.TextChoices):
        ATTENDANCE = "attendance", _("出欠")
        LOANER = "loaner", _("貸出用スマホ")
        CAN_DO = "can_do", _("できることチェック")
        SATISFACTION = "satisfaction", _("満足度")

    class Attendance(models.TextChoices):
        PRESENT = "present", _("出席")
        LATE = "late", _("遅刻")
        ABSENT = "absent", _("欠席")
        EXCUSED = "excused", _("欠席（連絡あり）")
        # Undo: back to "not yet marked", as a mark of its own so the log keeps it.
        UNMARKED = "unmarked", _("未記録")

    class Loaner(models.TextChoices):
        HANDED_OUT = "out", _("貸出中")
        RETURNED = "returned", _("返却済み")

    class CanDo(models.TextChoices):
        YES = "yes", _("できる")
        WITH_HELP = "with_help", _("手伝いがあればできる")
        NOT_YET = "not_yet", _("まだできない")

    class Phase(models.TextChoices):
        NONE = "", _("なし")
        BEFORE = "before", _("教室の前")
        AFTER = "after", _("教室の後")

    client_uuid = models.UUIDField(_("端末で付けたID"), unique=True)
    session = models.ForeignKey(
        ClassSession,
        verbose_name=_("教室"),
        on_delete=models.CASCADE,
        related_name="attendance_marks",
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("申込"),
        on_delete=models.CASCADE,
        related_name="attendance_marks",
    )
    kind = models.CharField(_("種類"), max_length=12, choices=Kind.choices)
    value = models.CharField(_("記録"), max_length=12)
    statement = models.ForeignKey(
        CanDoStatement,
        verbose_name=_("できること"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="marks",
    )
    phase = models.CharField(_("時点"), max_length=6, choices=Phase.choices, blank=True, default="")
    # The reason an absence was excused, or which loaner phone was handed out.
    note = models.CharField(_("メモ"), max_length=200, blank=True)
    made_at = models.DateTimeField(_("記録した日時（端末）"), db_index=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("記録した人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_at = models.DateTimeField(_("受信日時"), auto_now_add=True)

    class Meta:
        ordering = ["made_at", "client_uuid"]
        verbose_name = _("出欠の記録")
        verbose_name_plural = _("出欠の記録")
        indexes = [models.Index(fields=["session", "made_at"])]

    def __str__(self) -> str:
        return f"{self.registration_id} {self.kind}={self.value} @ {self.made_at:%Y-%m-%d %H:%M}"

    @property
    def key(self) -> tuple:
        return (self.registration_id, self.kind, self.statement_id, self.phase)

    @property
    def value_label(self) -> str:
        choices = {
            self.Kind.ATTENDANCE: self.Attendance,
            self.Kind.LOANER: self.Loaner,
            self.Kind.CAN_DO: self.CanDo,
        }.get(self.kind)
        if choices is None:
            return self.value
        try:
            return str(choices(self.value).label)
        except ValueError:
            return self.value


class WalkIn(models.Model):
    """A walk-in registration made on a trainer's device, known by the device's UUID.

    Replaying the walk-in finds this row and its registration instead of adding
    the person twice. `merged_at` is set when a coordinator links the walk-in
    to a resident already on file.
    """

    client_uuid = models.UUIDField(_("端末で付けたID"), unique=True)
    # Usually a registration of its own; an existing one when the walk-in's
    # phone number already held a place in the class.
    registration = models.ForeignKey(
        Registration, verbose_name=_("申込"), on_delete=models.CASCADE, related_name="walk_ins"
    )
    made_at = models.DateTimeField(_("記録した日時（端末）"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("記録した人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_at = models.DateTimeField(_("受信日時"), auto_now_add=True)
    merged_at = models.DateTimeField(_("既存の住民と統合した日時"), null=True, blank=True)

    class Meta:
        ordering = ["made_at", "client_uuid"]
        verbose_name = _("当日参加")
        verbose_name_plural = _("当日参加")

    def __str__(self) -> str:
        return f"{self.registration} ({self.client_uuid})"
