"""Staff ICT-skill courses: what is taught (skill areas, courses, quizzes) and when (sessions).

The strategy's staff half (施策3-3) names the skill areas: information security,
generative AI under the city's guidelines, RPA, data use, office tools and
business-process redesign. They are data, not code, so another city can name
its own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _english(language: str | None) -> bool:
    return bool(language) and not language.startswith("ja")


class Localized:
    """`display_<field>`: the English column for readers of another language, when it is filled."""

    def localized(self, field: str) -> str:
        english = getattr(self, f"{field}_en", "")
        if _english(get_language()) and english:
            return english
        return getattr(self, field)


class SkillArea(Localized, models.Model):
    """A skill area of the staff ICT strategy (情報セキュリティ, 生成AI, RPA…)."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    name = models.CharField(_("分野名"), max_length=60)
    name_en = models.CharField(_("分野名（英語）"), max_length=80, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("並び順"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("研修分野")
        verbose_name_plural = _("研修分野")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.localized("name")


class CourseQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_area(self, area: SkillArea):
        return self.filter(skill_area=area)


class Course(Localized, models.Model):
    """A staff course (研修科目), run as sessions or taken as self-study."""

    class Level(models.TextChoices):
        BASIC = "basic", _("基礎")
        APPLIED = "applied", _("応用")
        PRACTICAL = "practical", _("実践")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("集合研修")
        ONLINE = "online", _("オンライン")
        SELF_STUDY = "self_study", _("自習（eラーニング）")

    code = models.SlugField(_("コード"), max_length=60, unique=True)
    title = models.CharField(_("研修名"), max_length=120)
    title_en = models.CharField(_("研修名（英語）"), max_length=160, blank=True)
    skill_area = models.ForeignKey(
        SkillArea, verbose_name=_("分野"), on_delete=models.PROTECT, related_name="courses"
    )
    level = models.CharField(_("レベル"), max_length=10, choices=Level.choices)
    format = models.CharField(_("形式"), max_length=12, choices=Format.choices)
    # Printed on the certificate as the hours of training (研修時間).
    duration_minutes = models.PositiveSmallIntegerField(_("所要時間（分）"))
    description = models.TextField(_("内容"), blank=True)
    description_en = models.TextField(_("内容（英語）"), blank=True)
    prerequisites = models.ManyToManyField(
        "self",
        verbose_name=_("先に修了が必要な研修"),
        symmetrical=False,
        blank=True,
        related_name="leads_to",
    )
    instructor_notes = models.TextField(_("講師向けメモ"), blank=True)
    # Completion: attendance alone, unless the course also asks for the quiz;
    # a self-study course is always completed by declaration plus the quiz.
    requires_quiz = models.BooleanField(_("確認テストの合格が必要"), default=False)
    pass_mark = models.PositiveSmallIntegerField(
        _("合格点（％）"), default=80, help_text=_("確認テストの正答率がこの値以上で合格です。")
    )
    # The course that qualifies a volunteer trainer (デジタル推進委員) to help at classes.
    qualifies_trainers = models.BooleanField(_("講師・補助者の養成研修"), default=False)
    is_active = models.BooleanField(_("募集中"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("並び順"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["skill_area__sort_order", "sort_order", "code"]
        verbose_name = _("研修")
        verbose_name_plural = _("研修")
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0) & Q(pass_mark__lte=100),
                name="course_pass_mark_percent",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1), name="course_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.localized("title")

    @property
    def display_description(self) -> str:
        return self.localized("description")

    @property
    def is_self_study(self) -> bool:
        return self.format == self.Format.SELF_STUDY

    @property
    def needs_quiz(self) -> bool:
        """Whether completing takes a passed quiz (always, for self-study)."""
        return self.is_self_study or self.requires_quiz

    @property
    def hours(self) -> float:
        return round(self.duration_minutes / 60, 1)


class QuizQuestion(Localized, models.Model):
    """One multiple-choice question of a course's short quiz (確認テスト)."""

    course = models.ForeignKey(
        Course, verbose_name=_("研修"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(_("問題文"), max_length=300)
    text_en = models.CharField(_("問題文（英語）"), max_length=400, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("並び順"), default=0)

    class Meta:
        ordering = ["course", "sort_order", "id"]
        verbose_name = _("確認テストの問題")
        verbose_name_plural = _("確認テストの問題")

    def __str__(self) -> str:
        return self.text

    @property
    def display_text(self) -> str:
        return self.localized("text")


class QuizChoice(Localized, models.Model):
    question = models.ForeignKey(
        QuizQuestion, verbose_name=_("問題"), on_delete=models.CASCADE, related_name="choices"
    )
    text = models.CharField(_("選択肢"), max_length=200)
    text_en = models.CharField(_("選択肢（英語）"), max_length=300, blank=True)
    is_correct = models.BooleanField(_("正解"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("並び順"), default=0)

    class Meta:
        ordering = ["question", "sort_order", "id"]
        verbose_name = _("選択肢")
        verbose_name_plural = _("選択肢")

    def __str__(self) -> str:
        return self.text

    @property
    def display_text(self) -> str:
        return self.localized("text")


class CourseSessionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CourseSession.Status.PUBLISHED)

    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now())

    def with_related(self):
        return self.select_related("course", "course__skill_area", "instructor")

    def taught_by(self, user):
        """Sessions an instructor runs: the only staff rosters they may open."""
        return self.filter(instructor=user)

    def open_for_enrolment(self, now=None):
        """Published and not yet started: the sessions a learner may enrol in."""
        return self.published().filter(starts_at__gt=now or timezone.now())

    def with_seats_left(self):
        """Annotate confirmed_seats, waitlist_length and seats_left (never negative).

        Counted from the enrolments' statuses (Enrolment.SEAT_HOLDING holds a
        seat, one per person), in correlated subqueries so the counts stay right
        beside other annotations and filters; one query for any number of sessions.
        """
        # The enrolment model through the relation: enrolments.py imports this module.
        enrolment = self.model._meta.get_field("enrolments").related_model

        def _count(statuses):
            return Coalesce(
                Subquery(
                    enrolment.objects.filter(session=OuterRef("pk"), status__in=statuses)
                    .order_by()
                    .values("session")
                    .annotate(total=Count("id"))
                    .values("total")[:1],
                    output_field=IntegerField(),
                ),
                Value(0),
            )

        return self.annotate(
            confirmed_seats=_count(enrolment.SEAT_HOLDING),
            waitlist_length=_count([enrolment.Status.WAITLISTED]),
        ).annotate(seats_left=Greatest(F("capacity") - F("confirmed_seats"), Value(0)))

    def with_open_seat(self):
        """Sessions a newcomer would be confirmed in: a seat free and nobody waiting."""
        return self.with_seats_left().filter(seats_left__gt=0, waitlist_length=0)


class CourseSession(models.Model):
    """One sitting of a course (研修の開催回): in a room, or online at a meeting link."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("準備中")
        PUBLISHED = "published", _("募集中")
        CANCELLED = "cancelled", _("中止")

    course = models.ForeignKey(
        Course, verbose_name=_("研修"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("開始"), db_index=True)
    ends_at = models.DateTimeField(_("終了"))
    room = models.CharField(_("会場（部屋）"), max_length=120, blank=True)
    online_url = models.URLField(_("オンライン会議のURL"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("定員"))
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("講師"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="taught_course_sessions",
    )
    notes = models.TextField(_("お知らせ"), blank=True)
    status = models.CharField(
        _("状態"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    cancellation_reason = models.CharField(_("中止の理由"), max_length=200, blank=True)
    # iCalendar SEQUENCE: raised by every change a calendar must notice.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseSessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("研修の開催回")
        verbose_name_plural = _("研修の開催回")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="course_session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="course_session_capacity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course.display_title} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def has_open_seat(self) -> bool:
        """With `with_seats_left()`: a newcomer would be confirmed (a seat free and nobody waiting)."""
        return self.seats_left > 0 and self.waitlist_length == 0
