"""The yearly figures' own tables: targets, and summary tables refreshed from outreach.

The summary tables hold one row per class and one per registration, already
folded (the latest attendance mark, the can-do answers before and after), so a
year's dashboard is a handful of aggregates over tens of thousands of rows
instead of a pass over a million attendance marks. They hold no name and no
phone number: a resident is an id, counted distinct.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.Model):
    """A target value (施策目標値) for one measure in one fiscal year, set by a coordinator."""

    measure = models.CharField(_("指標"), max_length=40)
    fiscal_year = models.PositiveSmallIntegerField(_("年度（西暦の開始年）"))
    value = models.DecimalField(_("目標値"), max_digits=12, decimal_places=2)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("設定した人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["fiscal_year", "measure"]
        verbose_name = _("目標値")
        verbose_name_plural = _("目標値")
        constraints = [
            models.UniqueConstraint(fields=["measure", "fiscal_year"], name="one_target_per_year"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year} {self.measure} = {self.value}"


class ClassFact(models.Model):
    """One class as the figures count it (refreshed from outreach.queries.class_facts)."""

    session_id = models.BigIntegerField(primary_key=True)
    fiscal_year = models.PositiveSmallIntegerField(db_index=True)
    month = models.DateField()
    starts_at = models.DateTimeField()
    is_cancelled = models.BooleanField()
    is_published = models.BooleanField()
    capacity = models.PositiveSmallIntegerField()
    topic_id = models.BigIntegerField()
    level = models.CharField(max_length=10)
    district_id = models.BigIntegerField()
    mountainous = models.BooleanField()
    helpers = models.PositiveSmallIntegerField()
    # People present (party sizes of registrations marked present or late).
    attendees = models.PositiveIntegerField()
    # The one-helper-per-four rule applied to attendees.
    helpers_needed = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("集計用の教室")
        verbose_name_plural = _("集計用の教室")

    def __str__(self) -> str:
        return f"class {self.session_id} FY{self.fiscal_year}"


class RegistrationFact(models.Model):
    """One registration as the figures count it (refreshed from outreach.queries)."""

    registration_id = models.BigIntegerField(primary_key=True)
    session_id = models.BigIntegerField(db_index=True)
    resident_id = models.BigIntegerField()
    # Copied from the class, so a year's figures need no join.
    fiscal_year = models.PositiveSmallIntegerField()
    month = models.DateField()
    starts_at = models.DateTimeField()
    class_cancelled = models.BooleanField()
    class_published = models.BooleanField()
    topic_id = models.BigIntegerField()
    level = models.CharField(max_length=10)
    district_id = models.BigIntegerField()
    class_mountainous = models.BooleanField()
    # The resident's own district (None: not given), age band and language.
    home_district_id = models.BigIntegerField(null=True)
    home_mountainous = models.BooleanField(null=True)
    age_band = models.CharField(max_length=10, blank=True)
    language = models.CharField(max_length=12, blank=True)
    is_confirmed = models.BooleanField()
    is_waitlisted = models.BooleanField()
    is_cancelled = models.BooleanField()
    channel = models.CharField(max_length=10)
    party_size = models.PositiveSmallIntegerField()
    promoted = models.BooleanField()
    attended = models.BooleanField()
    attendance_recorded = models.BooleanField()
    no_show = models.BooleanField()
    can_do_pairs = models.PositiveSmallIntegerField()
    can_do_improved = models.PositiveSmallIntegerField()
    can_do_before_yes = models.PositiveSmallIntegerField()
    can_do_after_yes = models.PositiveSmallIntegerField()
    satisfaction = models.PositiveSmallIntegerField(null=True)

    class Meta:
        verbose_name = _("集計用の申込")
        verbose_name_plural = _("集計用の申込")
        indexes = [
            # Every figure reads one fiscal year, often of one district or topic.
            models.Index(fields=["fiscal_year", "district_id"], name="metrics_reg_year_district"),
            models.Index(fields=["fiscal_year", "topic_id"], name="metrics_reg_year_topic"),
        ]

    def __str__(self) -> str:
        return f"registration {self.registration_id} FY{self.fiscal_year}"


class FiguresRefresh(models.Model):
    """The one row that records how far the summary tables are brought up to date.

    Its row lock also makes refreshes take turns: two workers never rewrite the
    same classes' rows at once.
    """

    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)
    full_at = models.DateTimeField(null=True)
    classes = models.PositiveIntegerField(default=0)
    registrations = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("集計の更新")
        verbose_name_plural = _("集計の更新")

    def __str__(self) -> str:
        return f"figures refreshed {self.finished_at}"
