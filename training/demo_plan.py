"""How the staff-course demo fills a year: sessions, then who completed or enrolled in what.

Everything is planned in memory with one seeded random generator and written
with two bulk_create calls, so the whole year costs a handful of queries.
Seats are counted as they are handed out, so no session is over capacity and
nobody holds two open enrolments in one course.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.utils import timezone

from core.fiscal import FiscalYear
from core.models import User
from core.office_days import next_open_day
from training.models import Course, CourseSession, Enrolment, Requirement
from training.progress import city_staff

ROOMS = ["本庁舎 第1会議室", "本庁舎 第2会議室", "緑区合同庁舎 大会議室", "南区合同庁舎 3階会議室"]
SESSION_EVERY = dt.timedelta(weeks=4)
TRAINER_COURSE_EVERY = dt.timedelta(weeks=12)
PLANNED_AHEAD = dt.timedelta(weeks=8)
CAPACITY = {Course.Format.IN_PERSON: 30, Course.Format.ONLINE: 80}
# Departments that lag behind this year (a believable few with people overdue).
LAGGING = {"roads", "fire", "waste"}


def _aware(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _weekday(day: dt.date) -> dt.date:
    # Staff courses run on working days: no weekend, national holiday or year-end closure.
    return next_open_day(day, weekdays_only=True)


class Planner:
    def __init__(self, rng: random.Random, today: dt.date, courses: dict[str, Course], instructors):
        self.rng = rng
        self.today = today
        self.now = timezone.now()
        self.courses = courses
        self.instructors = list(instructors)
        self.sessions: list[CourseSession] = []
        self.by_course: dict[int, list[CourseSession]] = defaultdict(list)
        self.taken: dict[int, int] = defaultdict(int)  # id(session) -> seats handed out
        self.reserved: set[int] = set()  # showcase sessions: filled on purpose only
        self.enrolments: list[Enrolment] = []
        self.open: set[tuple[int, int]] = set()  # (learner, course) with an open enrolment
        self.completed: set[tuple[int, int, int]] = set()  # (learner, course, fiscal year)
        self.staff = list(city_staff().select_related("department").order_by("email"))

    # --- sessions ----------------------------------------------------------------------

    def _add_session(self, course: Course, starts: dt.datetime, **extra) -> CourseSession:
        online = course.format == Course.Format.ONLINE
        session = CourseSession(
            course=course,
            starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=course.duration_minutes),
            room="" if online else self.rng.choice(ROOMS),
            online_url=f"https://meet.example.jp/tsunagu/{course.code}-{len(self.sessions) + 1}"
            if online
            else "",
            capacity=CAPACITY[course.format],
            instructor=self.rng.choice(self.instructors),
            status=CourseSession.Status.PUBLISHED,
        )
        for name, value in extra.items():
            setattr(session, name, value)
        self.sessions.append(session)
        self.by_course[course.pk].append(session)
        return session

    def plan_year(self, fiscal_year: FiscalYear) -> None:
        """Every four weeks per course (orientation in April only), up to eight weeks ahead."""
        until = min(fiscal_year.end, self.today + PLANNED_AHEAD)
        for index, course in enumerate(self.courses.values()):
            if course.is_self_study:
                continue
            if course.code == "orientation":
                days = [fiscal_year.start + dt.timedelta(days=d) for d in (1, 8)]
            else:
                step = TRAINER_COURSE_EVERY if course.qualifies_trainers else SESSION_EVERY
                days, day = [], fiscal_year.start + dt.timedelta(days=index % 5)
                while day <= until:
                    days.append(day)
                    day += step
            for day in days:
                if day > until:
                    continue
                starts = _aware(_weekday(day), 10 if index % 2 == 0 else 14)
                session = self._add_session(course, starts)
                if starts > self.now and self.rng.random() < 0.1:
                    session.status = CourseSession.Status.DRAFT

    def showcase_sessions(self, instructor: User, *, keep_out: str) -> None:
        """An upcoming session exactly full, and one with seats, both run by the demo instructor."""
        full = self._add_session(
            self.courses["genai-prompt"],
            _aware(_weekday(self.today + dt.timedelta(days=10)), 14),
            capacity=12,
            instructor=instructor,
            room=ROOMS[0],
        )
        roomy = self._add_session(
            self.courses["rpa-intro"],
            _aware(_weekday(self.today + dt.timedelta(days=15)), 10),
            capacity=24,
            instructor=instructor,
            room=ROOMS[1],
        )
        self.reserved.update({id(full), id(roomy)})
        pool = [p for p in self.staff if p.email != keep_out]
        for session, wanted in ((full, full.capacity), (roomy, 9)):
            for person in self.rng.sample(pool, len(pool)):
                if self.taken[id(session)] >= wanted:
                    break
                self._confirm(person, session.course, session)

    # --- enrolments --------------------------------------------------------------------

    def _has_seat(self, session: CourseSession) -> bool:
        return self.taken[id(session)] < session.capacity

    def _requested_before(self, moment: dt.datetime) -> dt.datetime:
        """People enrol between three days and a month before a session."""
        return moment - dt.timedelta(days=self.rng.randint(3, 30))

    def _confirm(self, person: User, course: Course, session: CourseSession | None) -> bool:
        if (person.pk, course.pk) in self.open:
            return False
        when = self._requested_before(session.starts_at if session else self.now)
        self.enrolments.append(
            Enrolment(
                learner=person,
                course=course,
                session=session,
                status=Enrolment.Status.CONFIRMED,
                requested_at=when,
                status_changed_at=when,
            )
        )
        self.open.add((person.pk, course.pk))
        if session is not None:
            self.taken[id(session)] += 1
        return True

    def _complete_in(self, person: User, course: Course, session, finished: dt.datetime, fy):
        quiz = course.needs_quiz
        requested = self._requested_before(session.starts_at if session else finished)
        self.enrolments.append(
            Enrolment(
                learner=person,
                course=course,
                session=session,
                status=Enrolment.Status.COMPLETED,
                attendance=Enrolment.Attendance.PRESENT if session else "",
                requested_at=requested,
                status_changed_at=finished,
                attended_at=session.ends_at if session else None,
                declared_at=finished if session is None else None,
                quiz_score=self.rng.choice([80, 90, 100]) if quiz else None,
                quiz_attempts=1 if quiz else 0,
                quiz_passed_at=finished if quiz else None,
                completed_at=finished,
            )
        )
        self.completed.add((person.pk, course.pk, fy.start_year))
        if session is not None:
            self.taken[id(session)] += 1

    def _complete(self, person: User, course: Course, fy: FiscalYear, counts_from: dt.date):
        if (person.pk, course.pk, fy.start_year) in self.completed:
            return
        last_day = min(fy.end, self.today - dt.timedelta(days=1))
        first_day = max(counts_from, fy.start)
        if course.is_self_study:
            if first_day > last_day:
                return
            day = first_day + dt.timedelta(days=self.rng.randint(0, (last_day - first_day).days))
            finished = _aware(day, self.rng.randint(9, 17), self.rng.choice([0, 15, 30, 45]))
            self._complete_in(person, course, None, finished, fy)
            return
        candidates = [
            s
            for s in self.by_course[course.pk]
            if s.ends_at < self.now
            and first_day <= timezone.localdate(s.starts_at) <= fy.end
            and id(s) not in self.reserved
            and self._has_seat(s)
        ]
        if candidates:
            session = self.rng.choice(candidates)
            self._complete_in(person, course, session, session.ends_at, fy)

    def _enrol_upcoming(self, person: User, course: Course) -> bool:
        if course.is_self_study:
            return self._confirm(person, course, None)
        candidates = [
            s
            for s in self.by_course[course.pk]
            if s.starts_at > self.now
            and s.status == CourseSession.Status.PUBLISHED
            and id(s) not in self.reserved
            and self._has_seat(s)
        ]
        return bool(candidates) and self._confirm(person, course, self.rng.choice(candidates))

    def _course_for(self, requirement: Requirement) -> Course:
        return self.rng.choice(self._all_courses_for(requirement))

    def _all_courses_for(self, requirement: Requirement) -> list[Course]:
        if requirement.course_id:
            return [self.courses[requirement.course.code]]
        return [c for c in self.courses.values() if c.skill_area_id == requirement.skill_area_id]

    def meet_requirements(self, fy: FiscalYear, requirements, forced: dict) -> None:
        """Who did what of their required courses: done, on their way, or not (yet)."""
        past_year = fy.end < self.today
        rates = {}
        for person in self.staff:
            for requirement in requirements:
                if not requirement.applies_to(person):
                    continue
                code = person.department.code
                if code not in rates:
                    low, high = (0.35, 0.55) if code in LAGGING and not past_year else (0.72, 0.97)
                    rates[code] = self.rng.uniform(low, high)
                key = (
                    requirement.course.code
                    if requirement.course_id
                    else f"area:{requirement.skill_area.code}"
                )
                outcome = forced.get((person.email, key)) or self._draw(
                    rates[code], requirement, past_year
                )
                course = self._course_for(requirement)
                if outcome == "done":
                    self._complete(person, course, fy, requirement.counts_from_date)
                elif outcome == "enrolled" and not self._enrol_upcoming(person, course):
                    # A forced outcome tries every course that meets the requirement.
                    if key in {k for _email, k in forced}:
                        for other in self._all_courses_for(requirement):
                            if self._enrol_upcoming(person, other):
                                break

    def _draw(self, rate: float, requirement: Requirement, past_year: bool) -> str:
        due_passed = requirement.due_date < self.today
        if self.rng.random() < (rate if due_passed or past_year else rate * 0.85):
            return "done"
        if not past_year and self.rng.random() < (0.3 if due_passed else 0.5):
            return "enrolled"
        return "none"

    def train_volunteers(self, volunteers) -> None:
        """Volunteer trainers (no department) completed the trainer course in past sessions."""
        course = next(c for c in self.courses.values() if c.qualifies_trainers)
        past = [s for s in self.by_course[course.pk] if s.ends_at < self.now]
        for person in volunteers.order_by("email"):
            if past and self.rng.random() < 0.8:
                session = self.rng.choice(past)
                fy = FiscalYear.of(session.starts_at)
                if (person.pk, course.pk, fy.start_year) not in self.completed:
                    self._complete_in(person, course, session, session.ends_at, fy)

    def fill_sessions(self, requirements: dict, *, keep_out: str) -> None:
        """Colleagues who took courses nobody required of them: past sessions part-full, future ones opening."""
        required = {r.course_id for rows in requirements.values() for r in rows if r.course_id}
        pool = [p for p in self.staff if p.email != keep_out and p.staff_number]
        for session in self.sessions:
            course = session.course
            if (
                id(session) in self.reserved
                or course.pk in required
                or course.qualifies_trainers
                or course.code == "orientation"
            ):
                continue
            past = session.ends_at < self.now
            share = self.rng.uniform(0.3, 0.7) if past else self.rng.uniform(0.1, 0.45)
            wanted = int(session.capacity * share)
            fy = FiscalYear.of(session.starts_at)
            for person in self.rng.sample(pool, min(len(pool), wanted * 2)):
                if self.taken[id(session)] >= wanted:
                    break
                if past:
                    if (person.pk, course.pk, fy.start_year) not in self.completed:
                        self._complete_in(person, course, session, session.ends_at, fy)
                elif session.status == CourseSession.Status.PUBLISHED:
                    self._confirm(person, course, session)

    def save(self) -> tuple[int, int]:
        CourseSession.objects.bulk_create(self.sessions)
        Enrolment.objects.bulk_create(self.enrolments, batch_size=500)
        return len(self.sessions), len(self.enrolments)
