"""What the staff learner's pages show: the catalogue, a course, and "my learning".

Read-only: each function reads in a fixed number of queries, whatever the
number of courses, sessions or enrolments (the pages' query counts are pinned
in tests/training/test_learner_pages.py). Requirement status comes from
training.progress, the one rule.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.fiscal import FiscalYear
from training.models import Course, CourseSession, Enrolment, SkillArea
from training.progress import RequirementProgress, RequirementStatus, progress

Status = Enrolment.Status

# "My learning" lists what is required in this order: overdue first, unmistakably.
_STATUS_ORDER = {
    RequirementStatus.OVERDUE: 0,
    RequirementStatus.NOT_YET: 1,
    RequirementStatus.ENROLLED: 2,
    RequirementStatus.DONE: 3,
}


# --- the catalogue ----------------------------------------------------------------------


@dataclass
class CourseListing:
    course: Course
    sessions: list[CourseSession] = field(default_factory=list)

    @property
    def seats_left(self) -> int:
        """Seats a newcomer could take now, over every upcoming session."""
        return sum(s.seats_left for s in self.sessions if s.has_open_seat)

    @property
    def has_open_seat(self) -> bool:
        return self.course.is_self_study or self.seats_left > 0


def catalogue(*, area=None, level="", format="", open_only=False) -> list[CourseListing]:
    """Active courses with their upcoming open sessions and seats (two queries)."""
    courses = Course.objects.active().select_related("skill_area")
    if area is not None:
        courses = courses.in_area(area)
    if level:
        courses = courses.filter(level=level)
    if format:
        courses = courses.filter(format=format)
    if open_only:
        open_session = CourseSession.objects.open_for_enrolment().with_open_seat()
        courses = courses.filter(
            Q(format=Course.Format.SELF_STUDY)
            | Exists(open_session.filter(course=OuterRef("pk")).values("pk"))
        )
    listings = {course.pk: CourseListing(course) for course in courses}
    sessions = (
        CourseSession.objects.open_for_enrolment()
        .with_seats_left()
        .filter(course_id__in=listings)
        .order_by("starts_at", "id")
    )
    for session in sessions:
        listings[session.course_id].sessions.append(session)
    return list(listings.values())


def skill_areas():
    return SkillArea.objects.all()


# --- one course -----------------------------------------------------------------------


@dataclass
class Prerequisite:
    course: Course
    completed: bool


def prerequisites_of(course: Course, learner) -> list[Prerequisite]:
    """The course's prerequisites, each with whether `learner` has completed it (two queries)."""
    required = list(course.prerequisites.all())
    if not required:
        return []
    done = set(
        Enrolment.objects.completed()
        .of(learner)
        .filter(course__in=required)
        .values_list("course_id", flat=True)
    )
    return [Prerequisite(c, c.pk in done) for c in required]


def open_sessions(course: Course) -> list[CourseSession]:
    return list(
        CourseSession.objects.open_for_enrolment()
        .with_seats_left()
        .filter(course=course)
        .select_related("instructor")
        .order_by("starts_at", "id")
    )


def open_enrolment(learner, course: Course) -> Enrolment | None:
    return (
        Enrolment.objects.of(learner)
        .open()
        .filter(course=course)
        .select_related("session")
        .with_waitlist_position()
        .first()
    )


# --- my learning ----------------------------------------------------------------------


def learner_may_cancel(enrolment: Enrolment, now: dt.datetime | None = None) -> bool:
    """A learner cancels their own confirmed or waiting place until the session starts."""
    if enrolment.status not in (Status.CONFIRMED, Status.WAITLISTED):
        return False
    return enrolment.session is None or enrolment.session.starts_at > (now or timezone.now())


@dataclass
class RequiredItem:
    """One required course of mine, and the way to act on it."""

    progress: RequirementProgress
    next_session: CourseSession | None = None  # the next session with a seat free

    @property
    def status(self) -> str:
        return self.progress.status

    @property
    def is_overdue(self) -> bool:
        return self.status == RequirementStatus.OVERDUE

    @property
    def requirement(self):
        return self.progress.requirement


@dataclass
class MyLearning:
    fiscal_year: FiscalYear
    required: list[RequiredItem]
    upcoming: list[Enrolment]  # seats in sessions that have not ended
    waiting: list[Enrolment]  # with `waitlist_position`
    in_progress: list[Enrolment]  # self-study, and attended sessions waiting for the quiz
    completed_by_year: list[tuple[FiscalYear, list[Enrolment]]]

    @property
    def overdue(self) -> list[RequiredItem]:
        return [item for item in self.required if item.is_overdue]

    @property
    def completed_this_year(self) -> list[Enrolment]:
        for year, enrolments in self.completed_by_year:
            if year == self.fiscal_year:
                return enrolments
        return []

    @property
    def completed_earlier(self) -> list[tuple[FiscalYear, list[Enrolment]]]:
        return [(y, e) for y, e in self.completed_by_year if y != self.fiscal_year]


def _required(learner, fiscal_year: FiscalYear, today: dt.date) -> list[RequiredItem]:
    rows = progress(fiscal_year, learners=[learner], today=today)
    to_act = {RequirementStatus.NOT_YET, RequirementStatus.OVERDUE}
    course_ids = {r.requirement.course_id for r in rows if r.status in to_act}
    course_ids.discard(None)
    first_open: dict[int, CourseSession] = {}
    if course_ids:
        sessions = (
            CourseSession.objects.open_for_enrolment()
            .with_open_seat()
            .filter(course_id__in=course_ids)
            .order_by("starts_at", "id")
        )
        for session in sessions:
            first_open.setdefault(session.course_id, session)
    items = [
        RequiredItem(
            row, first_open.get(row.requirement.course_id) if row.status in to_act else None
        )
        for row in rows
    ]
    items.sort(key=lambda i: (_STATUS_ORDER[i.status], i.requirement.due_date, i.requirement.pk))
    return items


def my_learning(learner, *, today: dt.date | None = None) -> MyLearning:
    """Everything on "my learning" for one learner, in a fixed number of queries."""
    now = timezone.now()
    today = today or timezone.localdate(now)
    fiscal_year = FiscalYear.of(today)
    open_ones = list(
        Enrolment.objects.of(learner)
        .open()
        .select_related("course", "course__skill_area", "session")
        .with_waitlist_position()
        .order_by("session__starts_at", "requested_at", "id")
    )
    for enrolment in open_ones:
        enrolment.can_cancel = learner_may_cancel(enrolment, now)
    upcoming = [
        e
        for e in open_ones
        if e.session_id and e.status == Status.CONFIRMED and e.session.ends_at > now
    ]
    waiting = [e for e in open_ones if e.status == Status.WAITLISTED and e.session.starts_at > now]
    # Self-study, the quiz after attending, and sessions over but not yet marked.
    in_progress = [e for e in open_ones if e not in upcoming and e.status != Status.WAITLISTED]
    by_year: dict[FiscalYear, list[Enrolment]] = defaultdict(list)
    completed = (
        Enrolment.objects.of(learner)
        .completed()
        .select_related("course", "course__skill_area", "session")
        .order_by("-completed_at", "-id")
    )
    for enrolment in completed:
        by_year[FiscalYear.of(enrolment.completed_at)].append(enrolment)
    return MyLearning(
        fiscal_year=fiscal_year,
        required=_required(learner, fiscal_year, today),
        upcoming=upcoming,
        waiting=waiting,
        in_progress=in_progress,
        completed_by_year=sorted(by_year.items(), key=lambda pair: pair[0], reverse=True),
    )
