"""Rosters for trainers' tablets and the coordinator's attendance page: who is expected,
who is here, and what each person's latest marks say.

The rules (DESIGN.md "Quality targets", offline attendance):

- The current state of a person is the latest mark by the device's clock, ties
  broken by UUID; nothing is overwritten, so the history stays.
- A trainer sees the rosters of the classes they lead or help at, with phone
  numbers masked; a coordinator sees every class (ClassSessionQuerySet.visible_to).
- The city's rule for classes: one helper for every four attendees.

Reads only: every change of attendance is in outreach.services.attendance.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from outreach.models import AttendanceMark, CanDoStatement, ClassSession, Registration, WalkIn
from outreach.phones import mask_phone

# Sessions from today up to this many days ahead are stored on the tablet.
DAYS_AHEAD = 7
# The city's rule for classes: one helper for every four attendees (1人の補助者につき4人まで).
ATTENDEES_PER_HELPER = 4

# --- Which classes (ClassSessionQuerySet.visible_to decides who may see which) ---------


def coming_sessions(user, *, now=None, days: int = DAYS_AHEAD):
    """Today's and the next days' classes (not drafts) for the today page and the tablet's copy."""
    now = now or timezone.now()
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        ClassSession.objects.visible_to(user)
        .exclude(status=ClassSession.Status.DRAFT)
        .filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=days + 1))
        .select_related("topic", "venue", "venue__district", "lead_trainer")
        .prefetch_related("helpers")
        .order_by("starts_at", "id")
    )


# --- Current state from the log ----------------------------------------------------------


@dataclass
class PersonState:
    """What is current for one registration, each the latest mark of its key."""

    attendance: AttendanceMark | None = None
    loaner: AttendanceMark | None = None
    satisfaction: AttendanceMark | None = None
    can_do: dict[tuple[int, str], AttendanceMark] = field(default_factory=dict)
    history: list[AttendanceMark] = field(default_factory=list)

    @property
    def attendance_value(self) -> str:
        if self.attendance is None:
            return AttendanceMark.Attendance.UNMARKED
        return self.attendance.value

    @property
    def is_here(self) -> bool:
        return self.attendance_value in (
            AttendanceMark.Attendance.PRESENT,
            AttendanceMark.Attendance.LATE,
        )


def current_state(marks) -> dict[int, PersonState]:
    """Fold marks (any order) into each registration's current state: latest made_at wins."""
    states: dict[int, PersonState] = defaultdict(PersonState)
    for mark in sorted(marks, key=lambda m: (m.made_at, str(m.client_uuid))):
        state = states[mark.registration_id]
        state.history.append(mark)
        if mark.kind == AttendanceMark.Kind.ATTENDANCE:
            state.attendance = mark
        elif mark.kind == AttendanceMark.Kind.LOANER:
            state.loaner = mark
        elif mark.kind == AttendanceMark.Kind.SATISFACTION:
            state.satisfaction = mark
        elif mark.kind == AttendanceMark.Kind.CAN_DO:
            state.can_do[(mark.statement_id, mark.phase)] = mark
    return states


def helpers_needed(attendees: int) -> int:
    return math.ceil(attendees / ATTENDEES_PER_HELPER) if attendees > 0 else 0


@dataclass
class RosterLine:
    registration: Registration
    state: PersonState
    walk_in: WalkIn | None
    masked_phone: str


@dataclass
class Roster:
    session: ClassSession
    lines: list[RosterLine]
    statements: list[CanDoStatement]

    @property
    def expected_people(self) -> int:
        return sum(
            line.registration.party_size
            for line in self.lines
            if line.registration.status == Registration.Status.CONFIRMED
        )

    @property
    def people_here(self) -> int:
        return sum(line.registration.party_size for line in self.lines if line.state.is_here)

    @property
    def loaners_needed(self) -> int:
        return sum(1 for line in self.lines if line.registration.needs_loaner_device)

    @property
    def helpers_assigned(self) -> int:
        return len(self.session.helpers.all())

    @property
    def helpers_needed(self) -> int:
        return helpers_needed(max(self.expected_people, self.people_here))

    @property
    def helpers_short(self) -> int:
        return max(self.helpers_needed - self.helpers_assigned, 0)

    def counts(self) -> dict[str, int]:
        counts = {value: 0 for value in AttendanceMark.Attendance.values}
        for line in self.lines:
            counts[line.state.attendance_value] += 1
        return counts


def roster_for(sessions, *, show_phone: bool = False) -> list[Roster]:
    """Rosters of several classes in a fixed number of queries (the today page and its JSON).

    Confirmed registrations and walk-ins; the waiting list is not in the room.
    """
    sessions = list(sessions)
    ids = [s.pk for s in sessions]
    registrations = Registration.objects.filter(
        session_id__in=ids, status=Registration.Status.CONFIRMED
    ).order_by("name_kana", "id")
    walk_ins = {}
    for walk_in in WalkIn.objects.filter(registration__session_id__in=ids).order_by("made_at"):
        walk_ins.setdefault(walk_in.registration_id, walk_in)
    marks_by_session: dict[int, list] = defaultdict(list)
    for mark in AttendanceMark.objects.filter(session_id__in=ids).select_related(
        "made_by", "statement"
    ):
        marks_by_session[mark.session_id].append(mark)
    statements_by_topic: dict[int, list] = defaultdict(list)
    for statement in CanDoStatement.objects.filter(
        topic_id__in={s.topic_id for s in sessions}, is_active=True
    ):
        statements_by_topic[statement.topic_id].append(statement)
    lines_by_session: dict[int, list] = defaultdict(list)
    states_by_session = {sid: current_state(marks) for sid, marks in marks_by_session.items()}
    for registration in registrations:
        states = states_by_session.get(registration.session_id, {})
        phone = registration.phone
        lines_by_session[registration.session_id].append(
            RosterLine(
                registration=registration,
                state=states.get(registration.pk, PersonState()),
                walk_in=walk_ins.get(registration.pk),
                masked_phone=str(phone or "") if show_phone else mask_phone(phone),
            )
        )
    return [
        Roster(
            session=session,
            lines=lines_by_session.get(session.pk, []),
            statements=statements_by_topic.get(session.topic_id, []),
        )
        for session in sessions
    ]
