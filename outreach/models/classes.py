"""Smartphone classes for residents: where, what, when, and who comes.

Rules that change state (registering, cancelling, promoting from the waiting
list) live in outreach.services, not here; these models hold the data and the
queries.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.city_data import InReadersLanguage
from core.permissions import has_any_role
from core.roles import Role
from outreach.models.people import Registration


def _english(language: str | None) -> bool:
    return bool(language) and not language.startswith("ja")


class District(models.Model):
    """A district (地区) of the city, the area of one district community council."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    ward = models.CharField(_("区"), max_length=20)
    ward_en = models.CharField(_("区（英語）"), max_length=40, blank=True)
    name = models.CharField(_("地区名"), max_length=40)
    name_kana = models.CharField(_("よみがな"), max_length=60)
    name_en = models.CharField(_("地区名（英語）"), max_length=60, blank=True)
    # 中山間地域: the mountainous area, where classes are hardest to reach.
    is_mountainous = models.BooleanField(_("中山間地域"), default=False)
    # Printed on flyers; a caller keys it in the voice menu to hear nearby classes.
    flyer_number = models.PositiveSmallIntegerField(_("電話番号メニューの地区番号"), unique=True)

    class Meta:
        ordering = ["flyer_number"]
        verbose_name = _("地区")
        verbose_name_plural = _("地区")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if _english(get_language()) and self.name_en:
            return self.name_en
        return self.name


class Venue(models.Model):
    """A place where classes are held: a community centre (まちづくりセンター, 公民館)."""

    name = models.CharField(_("会場名"), max_length=100)
    # The reading of the name as the city says it (furigana cannot guess 上溝 かみみぞ).
    name_kana = models.CharField(_("会場名のよみがな"), max_length=150, blank=True)
    name_en = models.CharField(_("会場名（英語）"), max_length=150, blank=True)
    district = models.ForeignKey(
        District, verbose_name=_("地区"), on_delete=models.PROTECT, related_name="venues"
    )
    postal_code = models.CharField(_("郵便番号"), max_length=8, blank=True)
    address = models.CharField(_("住所"), max_length=200)
    latitude = models.DecimalField(_("緯度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(
        _("経度"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    access_notes = models.TextField(_("交通・アクセス"), blank=True)
    accessibility_notes = models.TextField(_("バリアフリー情報"), blank=True)
    keeps_loaner_phones = models.BooleanField(_("貸出用スマホあり"), default=False)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True)

    class Meta:
        ordering = ["district__flyer_number", "name"]
        verbose_name = _("会場")
        verbose_name_plural = _("会場")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if _english(get_language()) and self.name_en:
            return self.name_en
        return self.name

    @property
    def display_reading(self) -> str:
        """The reading shown over a Japanese name (furigana); none over an English one."""
        if _english(get_language()) and self.name_en:
            return ""
        return self.name_kana

    @property
    def map_url(self) -> str:
        """A link any phone opens in its map app (OpenStreetMap, no API key, no tracking)."""
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=17/{self.latitude}/{self.longitude}"
        )


class Topic(models.Model):
    """What a class teaches, after the national smartphone-class curriculum (基礎講座・応用講座)."""

    class Level(models.TextChoices):
        BASIC = "basic", _("基礎")
        APPLIED = "applied", _("応用")

    slug = models.SlugField(_("スラッグ"), max_length=60, unique=True)
    title = models.CharField(_("題名"), max_length=100)
    title_en = models.CharField(_("題名（英語）"), max_length=150, blank=True)
    level = models.CharField(_("レベル"), max_length=10, choices=Level.choices)
    summary = models.TextField(_("内容"), blank=True)
    summary_en = models.TextField(_("内容（英語）"), blank=True)
    what_to_bring = models.TextField(_("持ち物"), blank=True)
    what_to_bring_en = models.TextField(_("持ち物（英語）"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("並び順"), default=0)
    # The texts in the other resident languages, read with the topic's own row (no
    # query more on any page): {"vi": {"title": …, "summary": …, "what_to_bring": …}}.
    translations = models.JSONField(_("ほかの言語"), default=dict, blank=True)

    # The texts a resident reads in their own language.
    TRANSLATED_FIELDS = ("title", "summary", "what_to_bring")

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("講座の内容")
        verbose_name_plural = _("講座の内容")

    def __str__(self) -> str:
        return self.display_title

    def text_in(self, field: str, language: str | None) -> str:
        """The topic's title, summary or what_to_bring as a reader of `language` gets it.

        The language's own text, else the English one for a reader of another
        script than Japanese (more of them read English than Japanese), else the
        Japanese; easy Japanese falls back to the Japanese.
        """
        own = (self.translations or {}).get(language or "", {}).get(field)
        if own:
            return InReadersLanguage(own)
        if _english(language) and getattr(self, f"{field}_en"):
            return getattr(self, f"{field}_en")
        return getattr(self, field)

    def _localized(self, field: str) -> str:
        return self.text_in(field, get_language())

    @property
    def display_title(self) -> str:
        return self._localized("title")

    @property
    def display_summary(self) -> str:
        return self._localized("summary")

    @property
    def display_what_to_bring(self) -> str:
        return self._localized("what_to_bring")


class ClassSessionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ClassSession.Status.PUBLISHED)

    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now())

    def in_district(self, district):
        return self.filter(venue__district=district)

    def with_related(self):
        return self.select_related("topic", "venue", "venue__district", "lead_trainer")

    def led_or_helped_by(self, user):
        """Classes a trainer leads or helps at (their own calendar, their own list)."""
        return self.filter(Q(lead_trainer=user) | Q(helpers=user)).distinct()

    def visible_to(self, user):
        """The classes whose roster and attendance this user may see.

        Every class for a coordinator; for a trainer only the classes they lead
        or help at: residents' names and phone numbers are seen only by those
        who need them (DESIGN.md "Safety").
        """
        if has_any_role(user, Role.COORDINATOR):
            return self
        return self.led_or_helped_by(user)

    def with_seats_left(self):
        """Annotate confirmed_seats, waitlist_length and seats_left (never negative).

        Correlated subqueries rather than joins, so the counts stay right when
        this is combined with other annotations or filters across relations.
        """

        def _total(status, expression):
            return Coalesce(
                Subquery(
                    Registration.objects.filter(session=OuterRef("pk"), status=status)
                    .order_by()
                    .values("session")
                    .annotate(total=expression)
                    .values("total")[:1],
                    output_field=IntegerField(),
                ),
                Value(0),
            )

        return self.annotate(
            confirmed_seats=_total(Registration.Status.CONFIRMED, Sum("party_size")),
            waitlist_length=_total(Registration.Status.WAITLISTED, models.Count("id")),
        ).annotate(seats_left=Greatest(F("capacity") - F("confirmed_seats"), Value(0)))


class ClassSession(models.Model):
    """One class on one day at one venue (教室の開催回)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("準備中")
        PUBLISHED = "published", _("公開")
        CANCELLED = "cancelled", _("中止")

    topic = models.ForeignKey(
        Topic, verbose_name=_("講座の内容"), on_delete=models.PROTECT, related_name="sessions"
    )
    venue = models.ForeignKey(
        Venue, verbose_name=_("会場"), on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(
        _("題名"), max_length=120, blank=True, help_text=_("空欄なら講座の内容の題名を使います。")
    )
    starts_at = models.DateTimeField(_("開始"), db_index=True)
    ends_at = models.DateTimeField(_("終了"))
    capacity = models.PositiveSmallIntegerField(_("定員"))
    loaner_devices = models.PositiveSmallIntegerField(_("貸出用スマホの台数"), default=0)
    lead_trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("講師"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_sessions",
    )
    helpers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("補助者"),
        blank=True,
        related_name="helped_sessions",
    )
    notes = models.TextField(_("お知らせ"), blank=True)
    status = models.CharField(
        _("状態"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    cancellation_reason = models.CharField(_("中止の理由"), max_length=200, blank=True)
    # iCalendar SEQUENCE: raised on every change a calendar must notice.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClassSessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("教室")
        verbose_name_plural = _("教室")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="class_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="class_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.display_title} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def display_title(self) -> str:
        return self.title or self.topic.display_title

    def is_visible_to(self, user) -> bool:
        """Whether this class's roster is one the user may see (ClassSessionQuerySet.visible_to)."""
        return ClassSession.objects.visible_to(user).filter(pk=self.pk).exists()

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED
