"""The coordinators' changes to what is taught and what is required: courses with their
quizzes, sessions, and each fiscal year's required courses.

Each change is one function that owns its transaction and writes its audit line.
Changing, publishing or cancelling an existing session touches seats, calendars
and learners' email, so it is training.services.sessions' work, not this module's.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from core.fiscal import FiscalYear
from training.models import (
    Course,
    CourseSession,
    QuizChoice,
    QuizQuestion,
    Requirement,
    SkillArea,
)

# --- skill areas, courses and their quizzes -------------------------------------------


def save_skill_area(area: SkillArea, *, by) -> SkillArea:
    with transaction.atomic():
        area.full_clean()
        area.save()
        audit.record(by, "training.save_skill_area", area)
    return area


@dataclass
class QuestionDraft:
    """One quiz question as the coordinator wrote it; `question` is None for a new one."""

    text: str
    text_en: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)  # (Japanese, English)
    correct: int = 0  # index into choices
    question: QuizQuestion | None = None
    delete: bool = False


def save_course(
    course: Course,
    *,
    prerequisites: Iterable[Course],
    questions: list[QuestionDraft],
    by,
) -> Course:
    """Create or change a course and its quiz in one transaction.

    Invariant: a course that needs a quiz (self-study, or requires_quiz) keeps at
    least one question, and every question has exactly one correct choice.
    """
    kept = [draft for draft in questions if not draft.delete]
    if course.needs_quiz and not kept:
        raise ValidationError(_("確認テストが必要な研修には、問題を1問以上作ってください。"))
    for draft in kept:
        if len(draft.choices) < 2 or not 0 <= draft.correct < len(draft.choices):
            raise ValidationError(_("各問題に選択肢を2つ以上と、正解を1つ選んでください。"))
    with transaction.atomic():
        created = course.pk is None
        course.full_clean()
        course.save()
        course.prerequisites.set([p for p in prerequisites if p.pk != course.pk])
        for order, draft in enumerate(questions, start=1):
            _save_question(course, draft, order * 10)
        audit.record(
            by,
            "training.create_course" if created else "training.change_course",
            course,
            questions=len(kept),
        )
    return course


def _save_question(course: Course, draft: QuestionDraft, sort_order: int) -> None:
    question = draft.question
    if draft.delete:
        if question is not None and question.pk:
            question.delete()
        return
    if question is None:
        question = QuizQuestion(course=course)
    question.text, question.text_en, question.sort_order = draft.text, draft.text_en, sort_order
    question.save()
    # Choices are updated in place by position, so anything that refers to a
    # choice keeps pointing at the same row after a wording fix.
    existing = list(question.choices.order_by("sort_order", "id"))
    for index, (text, text_en) in enumerate(draft.choices):
        choice = existing[index] if index < len(existing) else QuizChoice(question=question)
        choice.text, choice.text_en = text, text_en
        choice.is_correct = index == draft.correct
        choice.sort_order = (index + 1) * 10
        choice.save()
    for extra in existing[len(draft.choices) :]:
        extra.delete()


# --- sessions --------------------------------------------------------------------------


def plan_sessions(
    template: CourseSession, *, weeks: int = 0, publish: bool = False, by
) -> list[CourseSession]:
    """The session, and `weeks` more on the same weekday and time; published or drafts."""
    created = []
    with transaction.atomic():
        for week in range(weeks + 1):
            session = copy.copy(template)
            session.pk = None
            session._state = copy.copy(template._state)
            session._state.adding = True
            session.starts_at = template.starts_at + dt.timedelta(weeks=week)
            session.ends_at = template.ends_at + dt.timedelta(weeks=week)
            session.status = (
                CourseSession.Status.PUBLISHED if publish else CourseSession.Status.DRAFT
            )
            session.full_clean()
            session.save()
            audit.record(by, "training.plan_session", session)
            created.append(session)
    return created


# --- required courses ------------------------------------------------------------------


def save_requirement(requirement: Requirement, *, by) -> Requirement:
    """Create or change a required course; Requirement.clean() holds the rules."""
    with transaction.atomic():
        created = requirement.pk is None
        requirement.full_clean()
        requirement.save()
        audit.record(
            by,
            "training.create_requirement" if created else "training.change_requirement",
            requirement,
            fiscal_year=requirement.fiscal_year,
        )
    return requirement


def delete_requirement(requirement: Requirement, *, by) -> None:
    with transaction.atomic():
        audit.record(
            by, "training.delete_requirement", requirement, fiscal_year=requirement.fiscal_year
        )
        requirement.delete()


def _a_year_later(day: dt.date | None) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _same_requirement(requirement: Requirement) -> tuple:
    return (
        requirement.course_id,
        requirement.skill_area_id,
        requirement.audience,
        requirement.department_id,
        requirement.job_grade,
    )


def copy_requirements(to_year: FiscalYear, *, by) -> list[Requirement]:
    """Copy the previous fiscal year's requirements into `to_year`, dates a year later.

    Invariant: a requirement already in `to_year` (same course or area and same
    audience) is not copied again, so pressing the button twice adds nothing.
    The previous year's rows are locked, so two coordinators pressing it at
    once copy in turn and the second finds the first one's copies.
    """
    with transaction.atomic():
        source = list(
            Requirement.objects.for_fiscal_year(to_year.previous)
            .select_for_update()
            .order_by("due_date", "id")
        )
        existing = {_same_requirement(r) for r in Requirement.objects.for_fiscal_year(to_year)}
        copies = []
        for old in source:
            if _same_requirement(old) in existing:
                continue
            new = Requirement(
                fiscal_year=to_year.start_year,
                course_id=old.course_id,
                skill_area_id=old.skill_area_id,
                audience=old.audience,
                department_id=old.department_id,
                job_grade=old.job_grade,
                due_date=_a_year_later(old.due_date),
                counts_from=_a_year_later(old.counts_from),
                note=old.note,
            )
            new.full_clean()
            copies.append(new)
            existing.add(_same_requirement(new))
        Requirement.objects.bulk_create(copies)
        audit.record(
            by,
            "training.copy_requirements",
            None,
            from_year=to_year.previous.start_year,
            to_year=to_year.start_year,
            copied=len(copies),
        )
    return copies
