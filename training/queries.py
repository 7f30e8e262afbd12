"""The only training code other apps read: completion of required courses, trainer courses.

DESIGN.md keeps the arrows pointing inwards: the yearly figures (metrics) and
outreach's register of volunteer trainers know nothing of training's models
beyond these functions and the plain values they return, so training can
change its tables freely. Whether a requirement is met is decided only in
training.progress; these functions sum its answers, never re-decide them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from core.fiscal import FiscalYear
from training.models import Enrolment
from training.progress import by_department, progress


@dataclass(frozen=True)
class DepartmentCompletion:
    """One department's (person, required course) pairs in a fiscal year."""

    code: str
    name: str
    required: int
    completed: int
    overdue: int

    @property
    def completed_percent(self) -> float:
        return round(100 * self.completed / self.required, 1) if self.required else 0.0


def required_completion(
    fiscal_year: FiscalYear, *, today: dt.date | None = None
) -> list[DepartmentCompletion]:
    """Per department: how many required courses were due, completed and overdue.

    Counts pairs, not people: a person with three requirements counts three
    times. Built on progress.by_department, in department-code order.
    """
    return [
        DepartmentCompletion(
            code=entry.department.code if entry.department else "",
            name=entry.department.name if entry.department else "",
            required=entry.required,
            completed=entry.done,
            overdue=entry.overdue,
        )
        for entry in by_department(progress(fiscal_year, today=today))
    ]


@dataclass(frozen=True)
class TrainerCourseCompletion:
    """A completed course that qualifies a volunteer trainer (養成研修)."""

    course_title: str
    completed_on: dt.date


def completed_trainer_courses(user_ids: Iterable[int]) -> dict[int, list[TrainerCourseCompletion]]:
    """For each of these people who completed a trainer course: which, and when (newest first).

    People with none are absent from the answer. One query whatever the number of people.
    """
    ids = list(user_ids)
    if not ids:
        return {}
    completions = (
        Enrolment.objects.completed()
        .filter(learner_id__in=ids, course__qualifies_trainers=True)
        .select_related("course")
        .order_by("-completed_at", "-id")
    )
    found: dict[int, list[TrainerCourseCompletion]] = defaultdict(list)
    for enrolment in completions:
        found[enrolment.learner_id].append(
            TrainerCourseCompletion(
                course_title=enrolment.course.display_title,
                completed_on=timezone.localdate(enrolment.completed_at),
            )
        )
    return dict(found)
