"""Required courses (必修研修): what each member of staff must complete in a fiscal year.

A requirement names either one course or a whole skill area (any course of the
area counts), whom it applies to (everyone, a department, a job grade, managers,
or staff who joined in that fiscal year) and a due date. Whether a person has
met it is decided in one place, `training.progress`, for the learner's own page
and for the coordinators' progress figures alike.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fiscal import FiscalYear
from core.models import Department, JobGrade
from training.models.courses import Course, SkillArea


class RequirementQuerySet(models.QuerySet):
    def for_fiscal_year(self, fiscal_year: FiscalYear):
        return self.filter(fiscal_year=fiscal_year.start_year)

    def with_related(self):
        return self.select_related("course", "skill_area", "department")


class Requirement(models.Model):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("全職員")
        DEPARTMENT = "department", _("部署")
        JOB_GRADE = "job_grade", _("職位")
        MANAGERS = "managers", _("管理職（課長級以上）")
        NEW_STAFF = "new_staff", _("新規採用職員")

    # The start year of the fiscal year (2026 = 令和8年度, April 2026 – March 2027).
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    course = models.ForeignKey(
        Course,
        verbose_name=_("研修"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requirements",
    )
    skill_area = models.ForeignKey(
        SkillArea,
        verbose_name=_("分野（どの研修でも可）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requirements",
    )
    audience = models.CharField(_("対象"), max_length=12, choices=Audience.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("対象の部署"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_requirements",
    )
    job_grade = models.CharField(
        _("対象の職位"), max_length=20, choices=JobGrade.choices, blank=True, default=""
    )
    due_date = models.DateField(_("期限"))
    # Completions from this day count; empty means the start of the fiscal year.
    counts_from = models.DateField(_("この日以降の修了を数える"), null=True, blank=True)
    note = models.CharField(_("備考"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RequirementQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_year", "due_date", "id"]
        verbose_name = _("必修研修")
        verbose_name_plural = _("必修研修")
        constraints = [
            models.CheckConstraint(
                condition=(Q(course__isnull=False) & Q(skill_area__isnull=True))
                | (Q(course__isnull=True) & Q(skill_area__isnull=False)),
                name="requirement_course_or_skill_area",
            ),
            models.CheckConstraint(
                condition=~Q(audience="department") | Q(department__isnull=False),
                name="requirement_department_audience_names_department",
            ),
            models.CheckConstraint(
                condition=~Q(audience="job_grade") | ~Q(job_grade=""),
                name="requirement_job_grade_audience_names_grade",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year_obj.wareki_label} {self.what} ({self.get_audience_display()})"

    @property
    def fiscal_year_obj(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)

    @property
    def what(self) -> str:
        return self.course.display_title if self.course_id else self.skill_area.display_name

    @property
    def counts_from_date(self) -> dt.date:
        return self.counts_from or self.fiscal_year_obj.start

    def clean(self) -> None:
        errors = {}
        if bool(self.course_id) == bool(self.skill_area_id):
            errors["course"] = _("研修か分野の、どちらか一つを選んでください。")
        if self.audience == self.Audience.DEPARTMENT and not self.department_id:
            errors["department"] = _("対象の部署を選んでください。")
        if self.audience == self.Audience.JOB_GRADE and not self.job_grade:
            errors["job_grade"] = _("対象の職位を選んでください。")
        if self.due_date and self.fiscal_year and self.due_date not in self.fiscal_year_obj:
            errors["due_date"] = _("期限は、その年度の中の日付にしてください。")
        if errors:
            raise ValidationError(errors)

    def applies_to(self, user) -> bool:
        """Whether this requirement is one of `user`'s (the rule, for one person)."""
        if self.audience == self.Audience.EVERYONE:
            return True
        if self.audience == self.Audience.DEPARTMENT:
            return user.department_id == self.department_id
        if self.audience == self.Audience.JOB_GRADE:
            return user.job_grade == self.job_grade
        if self.audience == self.Audience.MANAGERS:
            return user.job_grade in JobGrade.managerial()
        if self.audience == self.Audience.NEW_STAFF:
            return user.joined_on is not None and user.joined_on in self.fiscal_year_obj
        return False

    def qualifies(self, course_id: int, skill_area_id: int) -> bool:
        """Whether completing that course meets this requirement."""
        if self.course_id:
            return course_id == self.course_id
        return skill_area_id == self.skill_area_id
