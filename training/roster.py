"""What the instructor pages show: which sessions, and one session's roster.

One rule decides who may open a roster and mark it (`may_take_attendance`):
the session's instructor, or a coordinator. The roster reads in two queries
whatever the number of learners (pinned in tests/training/test_instructor_pages.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from core.permissions import has_any_role
from core.roles import Role
from training.models import CourseSession, Enrolment
from training.services import attendance_open

Status = Enrolment.Status
# Recent sessions stay on the list this long, for marks made after the day.
RECENT_DAYS = 7


def sees_every_session(user) -> bool:
    return has_any_role(user, Role.COORDINATOR)


def may_take_attendance(user, session: CourseSession) -> bool:
    return sees_every_session(user) or (
        session.instructor_id is not None and session.instructor_id == user.pk
    )


def sessions_for(user, *, now: dt.datetime | None = None):
    """Today's and upcoming sessions (and the last week's) the user runs; all for coordinators."""
    now = now or timezone.now()
    since = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    sessions = (
        CourseSession.objects.exclude(status=CourseSession.Status.DRAFT)
        .filter(ends_at__gte=since - dt.timedelta(days=RECENT_DAYS))
        .with_seats_left()
        .select_related("course", "instructor")
        .order_by("starts_at", "id")
    )
    if not sees_every_session(user):
        sessions = sessions.taught_by(user)
    return sessions


@dataclass
class Roster:
    session: CourseSession
    lines: list[Enrolment]  # seats, and those marked absent
    waiting: list[Enrolment]
    can_mark: bool

    @property
    def present(self) -> int:
        return sum(1 for e in self.lines if e.attendance == Enrolment.Attendance.PRESENT)

    @property
    def absent(self) -> int:
        return sum(1 for e in self.lines if e.attendance == Enrolment.Attendance.ABSENT)

    @property
    def unmarked(self) -> int:
        return len(self.lines) - self.present - self.absent

    @property
    def awaiting_quiz(self) -> int:
        return sum(1 for e in self.lines if e.status == Status.ATTENDED)


def roster_for(session: CourseSession) -> Roster:
    enrolments = (
        Enrolment.objects.filter(session=session)
        .filter(
            Q(status__in=[*Enrolment.SEAT_HOLDING, Status.WAITLISTED])
            | Q(status=Status.CANCELLED, attendance=Enrolment.Attendance.ABSENT)
        )
        .select_related("learner", "learner__department")
        .order_by("learner__name_kana", "learner__display_name", "id")
    )
    lines, waiting = [], []
    for enrolment in enrolments:
        (waiting if enrolment.status == Status.WAITLISTED else lines).append(enrolment)
    waiting.sort(key=lambda e: (e.requested_at, e.pk))
    can_mark = not session.is_cancelled and attendance_open(session)
    return Roster(session, lines, waiting, can_mark)
