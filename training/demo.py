"""Demo data for staff ICT-skill courses: a believable city hall in its current fiscal year.

Twenty departments and about 300 staff; six skill areas and thirteen courses
(self-study with a quiz, online, in person, one trainer course); sessions over
last fiscal year and this one (past ones attended and completed, the next
weeks open); each year's required courses, and enough completions that most
departments are 50–90 % done with a few people overdue.

The demo learner staff@example.jp (welfare) has exactly one requirement
overdue (information security), one enrolled (data use, in an upcoming
session) and one done (web meetings). An upcoming session taught by
trainer@example.jp is exactly full, so the demo learner is waitlisted there;
another has seats.

Deterministic (one seeded random generator), idempotent (rows are found by
their natural keys; sessions and enrolments are made only when the demo has
none) and fast (bulk_create throughout). The dates follow today, so the
picture is the same whenever the demo is loaded, except in the first days
of April, when no due date of the new year has passed yet.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from core.fiscal import FiscalYear
from core.models import Department, JobGrade, User
from core.roles import Role
from training.demo_data import (
    COURSES,
    DEPARTMENT_WEIGHTS,
    DEPARTMENTS,
    FAMILY_NAMES,
    GIVEN_NAMES,
    QUIZZES,
    SKILL_AREAS,
)
from training.demo_plan import Planner
from training.models import Course, CourseSession, QuizChoice, QuizQuestion, Requirement, SkillArea

SEED = 33  # 施策3-3
STAFF_COUNT = 300
NEW_STAFF_SHARE = 0.08
GRADE_WEIGHTS = {
    JobGrade.STAFF: 45,
    JobGrade.SENIOR: 20,
    JobGrade.CHIEF: 15,
    JobGrade.ASSISTANT_MANAGER: 8,
    JobGrade.MANAGER: 9,
    JobGrade.DIRECTOR: 3,
}
DEMO_LEARNER = "staff@example.jp"
DEMO_INSTRUCTOR = "trainer@example.jp"


def seed(ctx) -> None:
    today = timezone.localdate()
    this_year = FiscalYear.of(today)
    rng = random.Random(SEED)  # noqa: S311 (demo data, repeatable on purpose)
    departments = _departments(ctx)
    _staff(ctx, rng, departments, this_year)
    courses = _catalogue(ctx)
    instructors = _instructors(ctx)
    requirements = {
        fiscal_year: _requirements(ctx, fiscal_year, courses, departments, today)
        for fiscal_year in (this_year.previous, this_year)
    }
    if CourseSession.objects.filter(course__in=courses.values()).exists():
        ctx.say("  staff courses: sessions and enrolments already loaded")
        return
    planner = Planner(rng, today, courses, instructors)
    for fiscal_year, year_requirements in requirements.items():
        planner.plan_year(fiscal_year)
        forced = DEMO_LEARNER_OUTCOMES if fiscal_year == this_year else {}
        planner.meet_requirements(fiscal_year, year_requirements, forced)
    planner.showcase_sessions(User.objects.get(email=DEMO_INSTRUCTOR), keep_out=DEMO_LEARNER)
    planner.train_volunteers(
        User.objects.filter(groups__name=Role.TRAINER, department__isnull=True)
    )
    planner.fill_sessions(requirements, keep_out=DEMO_LEARNER)
    sessions, enrolments = planner.save()
    ctx.say(f"  staff courses: {sessions} sessions, {enrolments} enrolments")


def _departments(ctx) -> dict[str, Department]:
    existing = {d.code: d for d in Department.objects.all()}
    missing = [Department(code=c, name=n) for c, n in DEPARTMENTS if c not in existing]
    Department.objects.bulk_create(missing)
    ctx.created["departments"] = ctx.created.get("departments", 0) + len(missing)
    return {d.code: d for d in Department.objects.filter(code__in=[c for c, _ in DEPARTMENTS])}


def _staff(ctx, rng: random.Random, departments: dict[str, Department], this_year) -> None:
    """About 300 staff with staff numbers, kana, job grades and the day they joined."""
    # Each department's share of the staff as weighted, in a shuffled order.
    scale = STAFF_COUNT / sum(DEPARTMENT_WEIGHTS)
    codes = [
        code
        for (code, _name), weight in zip(DEPARTMENTS, DEPARTMENT_WEIGHTS, strict=True)
        for _ in range(round(weight * scale))
    ]
    codes = (codes * 2)[:STAFF_COUNT]
    rng.shuffle(codes)
    grades, weights = list(GRADE_WEIGHTS), list(GRADE_WEIGHTS.values())
    # Every name different, as the demo's lists would be hard to read otherwise.
    names = rng.sample([(f, g) for f in FAMILY_NAMES for g in GIVEN_NAMES], STAFF_COUNT)
    people = []
    for n, ((family, family_kana), (given, given_kana)) in enumerate(names):
        code = codes[n]
        grade = rng.choices(grades, weights=weights)[0]
        if grade == JobGrade.STAFF and rng.random() < NEW_STAFF_SHARE * 3:
            joined = this_year.start  # 新規採用職員: joined on 1 April of this year
        else:
            joined = dt.date(rng.randint(1990, this_year.start_year - 1), 4, 1)
        people.append(
            User(
                email=f"staff{n + 1:03d}@example.jp",
                display_name=f"{family} {given}",
                name_kana=f"{family_kana} {given_kana}",
                staff_number=f"{200001 + n}",
                department=departments[code],
                job_grade=grade,
                joined_on=joined,
            )
        )
    known = set(User.objects.filter(email__in=[p.email for p in people]).values_list("email"))
    new = [p for p in people if (p.email,) not in known]
    for person in new:
        person.password = make_password(None)  # demo colleagues never sign in
    User.objects.bulk_create(new)
    learners = Group.objects.get(name=Role.STAFF_LEARNER)
    created = User.objects.filter(email__in=[p.email for p in new])
    User.groups.through.objects.bulk_create(
        [
            User.groups.through(user_id=pk, group_id=learners.pk)
            for pk in created.values_list("pk", flat=True)
        ]
    )
    ctx.created["staff"] = len(new)
    demo_learner = User.objects.get(email=DEMO_LEARNER)
    wanted = {
        "staff_number": "200000",
        "name_kana": "しろやま けん",
        "job_grade": JobGrade.SENIOR,
        "joined_on": dt.date(2015, 4, 1),
    }
    changed = [name for name, value in wanted.items() if getattr(demo_learner, name) != value]
    for name in changed:
        setattr(demo_learner, name, wanted[name])
    if changed:
        demo_learner.save(update_fields=changed)
    ctx.say(f"  staff: {STAFF_COUNT} ({len(new)} new) in {len(departments)} departments")


def _catalogue(ctx) -> dict[str, Course]:
    areas = {}
    for code, name, name_en, order in SKILL_AREAS:
        areas[code], _created = SkillArea.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "sort_order": order}
        )
    courses = {}
    for order, row in enumerate(COURSES, start=1):
        code, title, title_en, area, level, fmt, minutes, quiz, trainers, description = row
        courses[code], created = Course.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "title_en": title_en,
                "skill_area": areas[area],
                "level": level,
                "format": fmt,
                "duration_minutes": minutes,
                "requires_quiz": quiz,
                "qualifies_trainers": trainers,
                "description": description,
                "sort_order": order * 10,
            },
        )
        if created and code in QUIZZES:
            _quiz(courses[code], QUIZZES[code])
    ctx.say(f"  staff courses: {len(areas)} skill areas, {len(courses)} courses")
    return courses


def _quiz(course: Course, questions) -> None:
    for q_order, (text, text_en, choices) in enumerate(questions, start=1):
        question = QuizQuestion.objects.create(
            course=course, text=text, text_en=text_en, sort_order=q_order * 10
        )
        QuizChoice.objects.bulk_create(
            QuizChoice(
                question=question,
                text=choice,
                text_en=choice_en,
                is_correct=correct,
                sort_order=c_order * 10,
            )
            for c_order, (choice, choice_en, correct) in enumerate(choices, start=1)
        )


def _instructors(ctx) -> list[User]:
    """trainer@example.jp and three DX-office staff run the sessions."""
    group = Group.objects.get(name=Role.INSTRUCTOR)
    chosen = [User.objects.get(email=DEMO_INSTRUCTOR)]
    chosen += list(User.objects.filter(department__code="dx", staff_number__isnull=False)[:3])
    for person in chosen:
        if not person.groups.filter(pk=group.pk).exists():
            person.groups.add(group)
    return chosen


def _requirements(ctx, fiscal_year: FiscalYear, courses, departments, today) -> list[Requirement]:
    """The year's required courses; this year's due dates fall around today."""

    def due(days_from_today: int, last_year: tuple[int, int]) -> dt.date:
        if fiscal_year.end < today:
            month, day = last_year
            year = fiscal_year.start_year + (1 if month < 4 else 0)
            return dt.date(year, month, day)
        wanted = today + dt.timedelta(days=days_from_today)
        return min(max(wanted, fiscal_year.start), fiscal_year.end)

    data_area = courses["data-basic"].skill_area
    rpa_area = courses["rpa-intro"].skill_area
    wanted = [
        # what, audience, department, due date
        (courses["sec-basic"], Requirement.Audience.EVERYONE, None, due(-40, (9, 30))),
        (courses["office-meeting"], Requirement.Audience.EVERYONE, None, due(60, (1, 31))),
        (courses["genai-basic"], Requirement.Audience.MANAGERS, None, due(90, (12, 28))),
        (courses["orientation"], Requirement.Audience.NEW_STAFF, None, due(-20, (6, 30))),
        (data_area, Requirement.Audience.DEPARTMENT, departments["welfare"], due(45, (2, 27))),
        (rpa_area, Requirement.Audience.DEPARTMENT, departments["dx"], due(75, (2, 27))),
        (courses["data-excel"], Requirement.Audience.DEPARTMENT, departments["tax"], due(-10, (11, 28))),
        (courses["office-basic"], Requirement.Audience.DEPARTMENT, departments["citizens"], due(30, (10, 31))),
        (courses["bpr-basic"], Requirement.Audience.DEPARTMENT, departments["planning"], due(100, (3, 13))),
    ]  # fmt: skip
    existing = {
        (r.course_id, r.skill_area_id, r.audience, r.department_id)
        for r in Requirement.objects.for_fiscal_year(fiscal_year)
    }
    new = []
    for what, audience, department, due_date in wanted:
        is_course = isinstance(what, Course)
        key = (
            what.pk if is_course else None,
            None if is_course else what.pk,
            audience,
            department.pk if department else None,
        )
        if key in existing:
            continue
        new.append(
            Requirement(
                fiscal_year=fiscal_year.start_year,
                course=what if is_course else None,
                skill_area=None if is_course else what,
                audience=audience,
                department=department,
                due_date=due_date,
            )
        )
    Requirement.objects.bulk_create(new)
    return list(Requirement.objects.for_fiscal_year(fiscal_year).with_related())


# The demo learner's three statuses this year, by requirement (course code, or "area:" code).
DEMO_LEARNER_OUTCOMES = {
    (DEMO_LEARNER, "sec-basic"): "overdue",
    (DEMO_LEARNER, "office-meeting"): "done",
    (DEMO_LEARNER, "area:data"): "enrolled",
}
