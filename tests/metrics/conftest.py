"""A small, hand-counted year of classes for the figures (see `world` for the answers)."""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from core.fiscal import FiscalYear
from core.roles import Role
from metrics.refresh import refresh_figures
from outreach.models import AttendanceMark, ClassSession, Registration
from tests.factories import (
    AttendanceMarkFactory,
    CanDoStatementFactory,
    ClassSessionFactory,
    DistrictFactory,
    RegistrationFactory,
    ResidentFactory,
    TopicFactory,
    UserFactory,
    VenueFactory,
)

LAST_YEAR = FiscalYear.current().previous


def at(month: int, day: int = 10, hour: int = 10) -> dt.datetime:
    """A moment in last fiscal year (April to March), Japan time."""
    year = LAST_YEAR.start_year + (month < 4)
    return timezone.make_aware(dt.datetime(year, month, day, hour, 0))


@dataclass
class World:
    year: FiscalYear
    districts: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)
    classes: dict = field(default_factory=dict)
    residents: dict = field(default_factory=dict)
    registrations: dict = field(default_factory=dict)


def mark(registration, value, *, minutes=0, kind="attendance", statement=None, phase=""):
    return AttendanceMarkFactory(
        registration=registration,
        kind=kind,
        value=value,
        statement=statement,
        phase=phase,
        made_at=registration.session.starts_at + dt.timedelta(minutes=minutes),
    )


@pytest.fixture
def world(db) -> World:
    """Last fiscal year, by hand:

    Fujino (mountainous) class A, basics, capacity 10, one helper, May:
      r1 web present; r2 desk present then absent (the later mark wins);
      r3 voice late; r4 voice party of two, present; r5 web waitlisted, never promoted.
    Hashimoto class B, LINE, capacity 8, no helper, June:
      r1 web present (a repeat); r6 walk-in present; r7 desk absent; r8 web excused.
    Hashimoto class C, basics, July, cancelled: r2's registration cancelled with it.

    Answers: 4 people reached (r1 r3 r4 r6), 6 attendees, 2 classes held,
    3.0 per class, fill 9/18 = 50.0%, no-shows 2/8 = 25.0%, waiting 1,
    repeat 1/4 = 25.0%, can-do 2/3 improved, satisfied 2/3, helpers kept 1/2,
    mountainous 2/4 (r1 r3 live in Fujino), 9 registrations not cancelled.
    """
    w = World(year=LAST_YEAR)
    fujino = DistrictFactory(code="fujino", name="藤野", name_en="Fujino", is_mountainous=True)
    hashimoto = DistrictFactory(code="hashimoto", name="橋本", name_en="Hashimoto")
    w.districts = {"fujino": fujino, "hashimoto": hashimoto}
    basics = TopicFactory(slug="basics", title="スマホの基本", level="basic", sort_order=1)
    line = TopicFactory(slug="line", title="LINEで家族とやりとり", level="applied", sort_order=2)
    w.topics = {"basics": basics, "line": line}
    helper = UserFactory(role=Role.TRAINER)
    a = ClassSessionFactory(
        topic=basics, venue=VenueFactory(district=fujino), starts_at=at(5), capacity=10
    )
    a.helpers.add(helper)
    b = ClassSessionFactory(
        topic=line, venue=VenueFactory(district=hashimoto), starts_at=at(6), capacity=8
    )
    c = ClassSessionFactory(
        topic=basics, venue=VenueFactory(district=hashimoto), starts_at=at(7), capacity=8
    )
    w.classes = {"A": a, "B": b, "C": c}
    homes = [fujino, fujino, fujino, hashimoto, hashimoto, hashimoto, hashimoto, None]
    bands = ["70s", "80plus", "70s", "60s", "70s", "80plus", "60s", "70s"]
    for n, (home, band) in enumerate(zip(homes, bands, strict=True), start=1):
        w.residents[f"r{n}"] = ResidentFactory(
            name=f"集計 太郎{n}", phone=f"+8190777700{n:02d}", district=home, age_band=band
        )
    r = w.residents

    def register(key, session, resident, channel, **extra):
        w.registrations[key] = RegistrationFactory(
            session=session, resident=resident, channel=channel, **extra
        )
        return w.registrations[key]

    a1 = register("A-r1", a, r["r1"], "web")
    a2 = register("A-r2", a, r["r2"], "desk")
    a3 = register("A-r3", a, r["r3"], "voice")
    a4 = register("A-r4", a, r["r4"], "voice", party_size=2)
    register("A-r5", a, r["r5"], "web", status=Registration.Status.WAITLISTED)
    b1 = register("B-r1", b, r["r1"], "web")
    b6 = register("B-r6", b, r["r6"], "walk_in")
    b7 = register("B-r7", b, r["r7"], "desk")
    b8 = register("B-r8", b, r["r8"], "web")
    register("C-r2", c, r["r2"], "desk", status=Registration.Status.CANCELLED)
    ClassSession.objects.filter(pk=c.pk).update(status=ClassSession.Status.CANCELLED)

    present, absent = AttendanceMark.Attendance.PRESENT, AttendanceMark.Attendance.ABSENT
    mark(a1, present)
    mark(a2, present)
    mark(a2, absent, minutes=30)
    mark(a3, AttendanceMark.Attendance.LATE)
    mark(a4, present)
    mark(b1, present)
    mark(b6, present)
    mark(b7, absent)
    mark(b8, AttendanceMark.Attendance.EXCUSED)
    s1 = CanDoStatementFactory(topic=basics)
    s2 = CanDoStatementFactory(topic=basics)
    can, kind = AttendanceMark.CanDo, AttendanceMark.Kind.CAN_DO
    mark(a1, can.NOT_YET, kind=kind, statement=s1, phase="before")
    mark(a1, can.YES, kind=kind, statement=s1, phase="after", minutes=90)
    mark(a1, can.YES, kind=kind, statement=s2, phase="before")
    mark(a1, can.YES, kind=kind, statement=s2, phase="after", minutes=90)
    mark(a3, can.WITH_HELP, kind=kind, statement=s1, phase="before")
    mark(a3, can.YES, kind=kind, statement=s1, phase="after", minutes=90)
    satisfaction = AttendanceMark.Kind.SATISFACTION
    mark(a1, "5", kind=satisfaction, phase="after")
    mark(a3, "3", kind=satisfaction, phase="after")
    mark(a4, "4", kind=satisfaction, phase="after")
    refresh_figures(full=True)
    return w


@pytest.fixture
def no_suppression(settings):
    """Every count shown: for tests that check the arithmetic, not the privacy."""
    settings.SMALL_COUNT_THRESHOLD = 1
