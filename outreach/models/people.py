"""People in classes: residents and their registrations."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from outreach.models.classes import ClassSession, District


class Resident(models.Model):
    """A resident who comes to classes. No account: found by phone number or kana."""

    class AgeBand(models.TextChoices):
        UNDER_60 = "under60", _("60歳未満")
        AGE_60S = "60s", _("60代")
        AGE_70S = "70s", _("70代")
        AGE_80_PLUS = "80plus", _("80歳以上")
        UNKNOWN = "", _("答えない")

    class ContactPreference(models.TextChoices):
        AUTO = "auto", _("電話番号に合わせる")
        SMS = "sms", _("ショートメール（SMS）")
        VOICE = "voice", _("自動音声の電話")
        NONE = "none", _("連絡しない")

    name = models.CharField(_("お名前"), max_length=100)
    name_kana = models.CharField(_("ふりがな"), max_length=100)
    # Optional only for walk-ins who give none; every other channel requires it.
    phone = PhoneNumberField(_("電話番号"), null=True, blank=True, db_index=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("お住まいの地区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
    )
    age_band = models.CharField(
        _("年代"), max_length=10, choices=AgeBand.choices, blank=True, default=""
    )
    language = models.CharField(_("ことば"), max_length=12, default="ja")
    contact_preference = models.CharField(
        _("連絡の方法"),
        max_length=8,
        choices=ContactPreference.choices,
        default=ContactPreference.AUTO,
    )
    consented_at = models.DateTimeField(_("同意日時"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_kana", "id"]
        verbose_name = _("住民")
        verbose_name_plural = _("住民")

    def __str__(self) -> str:
        return self.name


def new_manage_token() -> str:
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)


class Registration(models.Model):
    """A resident's place (or place on the waiting list) in one class."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("受付済み")
        WAITLISTED = "waitlisted", _("キャンセル待ち")
        CANCELLED = "cancelled", _("取り消し")

    class Channel(models.TextChoices):
        WEB = "web", _("ウェブ")
        DESK = "desk", _("電話窓口")
        VOICE = "voice", _("自動音声")
        WALK_IN = "walk_in", _("当日参加")

    class PhoneKind(models.TextChoices):
        # Which phone the resident brings, so the trainer can prepare.
        IPHONE = "iphone", _("iPhone")
        ANDROID = "android", _("Android")
        EASY = "easy", _("らくらくスマホなど")
        FEATURE = "feature", _("携帯電話（ガラケー）")
        NONE = "none", _("持っていない")
        UNKNOWN = "", _("わからない")

    session = models.ForeignKey(
        ClassSession, verbose_name=_("教室"), on_delete=models.CASCADE, related_name="registrations"
    )
    resident = models.ForeignKey(
        Resident, verbose_name=_("住民"), on_delete=models.PROTECT, related_name="registrations"
    )
    # Copied from the resident so the database itself refuses a second active
    # registration of one phone number in one class, even under concurrency.
    # NULL (a walk-in who gave no phone) never collides.
    phone = PhoneNumberField(_("電話番号"), null=True, blank=True)
    status = models.CharField(_("状態"), max_length=12, choices=Status.choices, db_index=True)
    channel = models.CharField(_("申込方法"), max_length=10, choices=Channel.choices)
    party_size = models.PositiveSmallIntegerField(_("人数"), default=1)
    needs_loaner_device = models.BooleanField(_("貸出用スマホを使う"), default=False)
    phone_kind = models.CharField(
        _("お使いの電話"), max_length=10, choices=PhoneKind.choices, blank=True, default=""
    )
    # The waiting list is first come, first served: ordered by this, then id.
    requested_at = models.DateTimeField(_("申込日時"), default=timezone.now)
    manage_token = models.CharField(max_length=64, unique=True, default=new_manage_token)
    status_reason = models.CharField(_("状態の理由"), max_length=200, blank=True)
    status_changed_at = models.DateTimeField(_("状態の変更日時"), default=timezone.now)
    # Set when a place on the waiting list became a seat: the message it is
    # owed is "promoted", not "confirmed" (and the yearly review counts them).
    promoted_at = models.DateTimeField(_("繰り上げ日時"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("受付者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("申込")
        verbose_name_plural = _("申込")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "phone"],
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_phone_per_class",
            ),
            models.CheckConstraint(
                condition=Q(party_size__in=[1, 2]), name="registration_party_of_one_or_two"
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.resident} → {self.session} ({self.get_status_display()})"
