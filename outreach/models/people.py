"""People in classes: residents and their registrations.

A phone number is not an identity (outreach/names.py): a registration keeps the
name, language and district typed for it, so what a stranger submits never
changes or reveals another person's record. A registration is linked to a
Resident already on file only when phone and name both match.

This module refers to ClassSession and District by name ("outreach.…"), so
outreach.models.classes may import Registration to count seats.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from core.fiscal import FiscalYear
from outreach.names import KEY_LENGTH, UNCONFIRMED_NAME_KEY, name_key
from outreach.phones import mask_phone, reach_channel


class NameKeyField(models.CharField):
    """name_key() of another field of the same row, recomputed on every save and insert.

    pre_save is called by save(), bulk_create() and register()'s one-round-trip
    insert alike, so the key can never disagree with the name it came from.
    (QuerySet.update() does not call it: change names through save().)
    """

    def __init__(self, *args, source: str = "name", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", KEY_LENGTH)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = name_key(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


class AgeBand(models.TextChoices):
    UNDER_60 = "under60", _("60歳未満")
    AGE_60S = "60s", _("60代")
    AGE_70S = "70s", _("70代")
    AGE_80_PLUS = "80plus", _("80歳以上")
    UNKNOWN = "", _("答えない")


class ConsentMethod(models.TextChoices):
    """How a person agreed to the stated use of their name and phone number."""

    WEB_FORM = "web_form", _("ウェブの申込フォームで同意欄にチェック")
    API = "api", _("APIの申込で同意（consent: true）")
    DESK_READ_OUT = "desk_read_out", _("電話で使い方を読み上げ、口頭で同意")
    DESK_WRITTEN = "desk_written", _("申込用紙（書面）で同意")
    DESK_FAMILY = "desk_family", _("ご家族など代理の方が説明を聞いて同意")
    DESK_IN_PERSON = "desk_in_person", _("窓口で対面で説明し、同意")
    VOICE_KEYPAD = "voice_keypad", _("自動音声で使い方を聞き、ボタンを押して同意")
    # Walk-ins added on a tablet, and registrations made before consent was recorded.
    UNRECORDED = "", _("記録なし")


class ResidentQuerySet(models.QuerySet):
    def same_person(self, phone, name: str):
        """Residents with this phone AND this name (names.name_key): the only way to be "found"."""
        return self.filter(phone=phone, name_key=name_key(name))

    def on_file(self):
        """Residents whose name is known: not the stand-ins of unconfirmed voice registrations."""
        return self.exclude(name_key=UNCONFIRMED_NAME_KEY)

    def due_for_anonymising(self, today: dt.date | None = None):
        """Residents whose personal data the privacy notice says must now be erased.

        The notice keeps it "until the end of the fiscal year after the one of the
        last class": a resident is due once that year has ended, that is when their
        last class (any registration, a cancelled one or a cancelled class too, as
        the seat was still held for them) began before the start of last fiscal
        year. A resident with no registration counts from when they were put on file.
        """
        cutoff = retention_cutoff(today)
        return (
            self.filter(anonymised_at__isnull=True)
            .annotate(last_class=Max("registrations__session__starts_at"))
            .filter(Q(last_class__lt=cutoff) | Q(last_class__isnull=True, created_at__lt=cutoff))
        )


def retention_cutoff(today: dt.date | None = None) -> dt.datetime:
    """The first moment of last fiscal year: what happened before it is past keeping."""
    fiscal_year = FiscalYear.of(today or timezone.localdate())
    return fiscal_year.previous.bounds()[0]


class Resident(models.Model):
    """A resident who comes to classes. No account: the desk finds them by phone number or kana."""

    AgeBand = AgeBand

    class ContactPreference(models.TextChoices):
        AUTO = "auto", _("電話番号に合わせる")
        SMS = "sms", _("ショートメール（SMS）")
        VOICE = "voice", _("自動音声の電話")
        NONE = "none", _("連絡しない")

    name = models.CharField(_("お名前"), max_length=100)
    name_kana = models.CharField(_("ふりがな"), max_length=100)
    name_key = NameKeyField()
    # Optional only for walk-ins who give none; every other channel requires it.
    phone = PhoneNumberField(_("電話番号"), null=True, blank=True, db_index=True)
    district = models.ForeignKey(
        "outreach.District",
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
    # When this person agreed to the stated use of their data: the consent of the
    # registration that created the record (Registration.consent_method says how).
    consented_at = models.DateTimeField(_("同意日時"), null=True, blank=True)
    # Set when name, kana and phone were erased (retention or the resident's request);
    # district, age band and the registrations stay for the figures.
    anonymised_at = models.DateTimeField(_("匿名化した日時"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        ordering = ["name_kana", "id"]
        verbose_name = _("住民")
        verbose_name_plural = _("住民")
        indexes = [models.Index(fields=["phone", "name_key"], name="resident_phone_name_key")]

    def __str__(self) -> str:
        return self.name


def new_manage_token() -> str:
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def awaiting_name(self):
        """Voice-menu registrations whose name the desk has not confirmed yet (the call-back list)."""
        return self.active().filter(name_confirmed=False)


class Registration(models.Model):
    """A person's place (or place on the waiting list) in one class.

    The name, language and district are those given for this registration: its
    pages, rosters, sign-in sheets and messages use them, never the resident's.
    """

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

    ConsentMethod = ConsentMethod

    session = models.ForeignKey(
        "outreach.ClassSession",
        verbose_name=_("教室"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    resident = models.ForeignKey(
        Resident, verbose_name=_("住民"), on_delete=models.PROTECT, related_name="registrations"
    )
    name = models.CharField(_("お名前"), max_length=100)
    name_kana = models.CharField(_("ふりがな"), max_length=100, blank=True)
    # With phone, what makes two registrations "the same person" (a constraint below).
    name_key = NameKeyField()
    # False for a voice-menu registration until the desk calls back and asks the name.
    name_confirmed = models.BooleanField(_("お名前の確認"), default=True)
    # The phone this registration gave; messages go to it. NULL for a walk-in who gave none.
    phone = PhoneNumberField(_("電話番号"), null=True, blank=True)
    language = models.CharField(_("連絡のことば"), max_length=12, default="ja")
    district = models.ForeignKey(
        "outreach.District",
        verbose_name=_("申込で答えた地区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    age_band = models.CharField(
        _("申込で答えた年代"), max_length=10, choices=AgeBand.choices, blank=True, default=""
    )
    consented_at = models.DateTimeField(_("同意日時"), null=True, blank=True)
    consent_method = models.CharField(
        _("同意の方法"), max_length=20, choices=ConsentMethod.choices, blank=True, default=""
    )
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
            # "Already registered" means the same person, never merely the same phone:
            # the same resident, or (for the anonymous channels) the same phone AND
            # the same name. Enforced here so it holds under concurrency; NULL phones
            # (walk-ins who gave none) never collide.
            models.UniqueConstraint(
                fields=["session", "resident"],
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_resident_per_class",
            ),
            models.UniqueConstraint(
                fields=["session", "phone", "name_key"],
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_person_per_class",
            ),
            # A consent time is never stamped without saying how consent was given.
            models.CheckConstraint(
                condition=Q(consent_method="", consented_at__isnull=True)
                | (~Q(consent_method="") & Q(consented_at__isnull=False)),
                name="registration_consent_has_time_and_method",
            ),
            models.CheckConstraint(
                condition=Q(party_size__in=[1, 2]), name="registration_party_of_one_or_two"
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.name} → {self.session} ({self.get_status_display()})"

    def reached_by(self) -> str | None:
        """ "sms" or "voice": how this registration's messages reach its phone; None: they don't."""
        if not self.phone:
            return None
        return reach_channel(self.phone, self.resident.contact_preference)

    @property
    def masked_phone(self) -> str:
        """The number as a resident's own page shows it: the last four digits only."""
        return mask_phone(self.phone)

    def resident_may_cancel(self) -> bool:
        """Whether the resident may still cancel it themselves: active, and the class not begun.

        The desk may cancel later to put its records right; cancel_registration
        enforces this rule too (CancellationClosed), this only decides what a page offers.
        """
        return self.status != self.Status.CANCELLED and self.session.starts_at > timezone.now()
