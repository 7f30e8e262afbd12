"""Whether staff have met their required courses: the one rule, for one person or for everyone.

For a requirement of fiscal year FY that applies to a person:

* done      — they completed a qualifying course (the course itself, or any
              course of the skill area) on or after the requirement's
              "counts from" day (default: 1 April of FY) and within FY;
              completed after the due date it is still done, and marked late;
* overdue   — not done, and the due date has passed;
* enrolled  — not done, not overdue, and they hold an open enrolment
              (confirmed, waitlisted, or attended and waiting for the quiz)
              in a qualifying course;
* not yet   — none of these.

The learner's own page ("my learning"), the coordinators' progress by
department, the overdue list, the exports, the due-date reminder emails and
the yearly figures all call `progress()`, so they can never disagree. It reads
the database in four queries whatever the number of people.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fiscal import FiscalYear
from core.models import Department, User
from training.models import Enrolment, Requirement


class RequirementStatus(TextChoices):
    DONE = "done", _("修了")
    ENROLLED = "enrolled", _("申込済み")
    NOT_YET = "not_yet", _("未受講")
    OVERDUE = "overdue", _("期限切れ")


@dataclass(frozen=True)
class RequirementProgress:
    requirement: Requirement
    learner: User
    status: str
    completion: Enrolment | None = None  # the completion that met it
    open_enrolment: Enrolment | None = None  # where they are on their way

    @property
    def is_late(self) -> bool:
        """Done, but after the due date (the yearly review counts these apart)."""
        if self.completion is None:
            return False
        return timezone.localdate(self.completion.completed_at) > self.requirement.due_date

    def get_status_display(self) -> str:
        return str(RequirementStatus(self.status).label)


def city_staff():
    """The people requirements apply to: active accounts that belong to a department.

    Volunteer trainers and other outside helpers have no department.
    """
    return User.objects.filter(is_active=True, department__isnull=False)


def _aware_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def progress(
    fiscal_year: FiscalYear,
    *,
    learners: Iterable[User] | None = None,
    today: dt.date | None = None,
) -> list[RequirementProgress]:
    """Every (requirement, person) pair of the fiscal year with its status.

    `learners` limits it to those people (a learner's own page passes
    [request.user]); by default everyone in `city_staff()`. Ordered by
    department, person and due date.
    """
    today = today or timezone.localdate()
    requirements = list(Requirement.objects.for_fiscal_year(fiscal_year).with_related())
    if learners is None:
        people = list(city_staff().select_related("department").order_by("department", "email"))
    else:
        people = list(learners)
    if not requirements or not people:
        return []

    earliest = min(r.counts_from_date for r in requirements)
    year_end = fiscal_year.bounds()[1]
    completions = Enrolment.objects.completed_between(_aware_start(earliest), year_end)
    open_enrolments = Enrolment.objects.open()
    if learners is not None:
        ids = [person.pk for person in people]
        completions = completions.filter(learner_id__in=ids)
        open_enrolments = open_enrolments.filter(learner_id__in=ids)
    else:
        completions = completions.filter(learner__in=city_staff())
        open_enrolments = open_enrolments.filter(learner__in=city_staff())
    completed_by: dict[int, list[Enrolment]] = defaultdict(list)
    for enrolment in completions.select_related("course").order_by("completed_at", "id"):
        completed_by[enrolment.learner_id].append(enrolment)
    open_by: dict[int, list[Enrolment]] = defaultdict(list)
    for enrolment in open_enrolments.select_related("course", "session").order_by(
        "requested_at", "id"
    ):
        open_by[enrolment.learner_id].append(enrolment)

    rows: list[RequirementProgress] = []
    for person in people:
        for requirement in requirements:
            if requirement.applies_to(person):
                rows.append(
                    _status(requirement, person, completed_by[person.pk], open_by[person.pk], today)
                )
    rows.sort(
        key=lambda row: (
            row.learner.department.code if row.learner.department_id else "",
            row.learner.email,
            row.requirement.due_date,
            row.requirement.pk,
        )
    )
    return rows


def _status(
    requirement: Requirement,
    person: User,
    completed: list[Enrolment],
    open_ones: list[Enrolment],
    today: dt.date,
) -> RequirementProgress:
    counts_from = requirement.counts_from_date
    for enrolment in completed:
        if timezone.localdate(enrolment.completed_at) < counts_from:
            continue
        if requirement.qualifies(enrolment.course_id, enrolment.course.skill_area_id):
            return RequirementProgress(requirement, person, RequirementStatus.DONE, enrolment)
    on_the_way = next(
        (e for e in open_ones if requirement.qualifies(e.course_id, e.course.skill_area_id)),
        None,
    )
    if today > requirement.due_date:
        return RequirementProgress(
            requirement, person, RequirementStatus.OVERDUE, open_enrolment=on_the_way
        )
    if on_the_way is not None:
        return RequirementProgress(
            requirement, person, RequirementStatus.ENROLLED, open_enrolment=on_the_way
        )
    return RequirementProgress(requirement, person, RequirementStatus.NOT_YET)


@dataclass
class DepartmentProgress:
    """Counts of (person, requirement) pairs in one department."""

    department: Department | None
    required: int = 0
    done: int = 0
    overdue: int = 0
    enrolled: int = 0

    @property
    def not_yet(self) -> int:
        return self.required - self.done - self.overdue - self.enrolled

    @property
    def done_percent(self) -> float:
        return round(100 * self.done / self.required, 1) if self.required else 0.0

    @property
    def overdue_percent(self) -> float:
        return round(100 * self.overdue / self.required, 1) if self.required else 0.0


def by_department(rows: Iterable[RequirementProgress]) -> list[DepartmentProgress]:
    """Sum `progress()` rows per department, in department order."""
    summary: dict[int | None, DepartmentProgress] = {}
    for row in rows:
        key = row.learner.department_id
        entry = summary.get(key)
        if entry is None:
            entry = summary[key] = DepartmentProgress(row.learner.department)
        entry.required += 1
        if row.status == RequirementStatus.DONE:
            entry.done += 1
        elif row.status == RequirementStatus.OVERDUE:
            entry.overdue += 1
        elif row.status == RequirementStatus.ENROLLED:
            entry.enrolled += 1
    return sorted(
        summary.values(),
        key=lambda d: (d.department is None, d.department.code if d.department else ""),
    )
