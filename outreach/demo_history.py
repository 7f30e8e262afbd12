"""Demo history: two full past fiscal years and this one up to yesterday, for the figures.

Classes at every demo venue twice a month, registrations by web, desk, voice
menu and walk-in, attendance, can-do checks and satisfaction — generated from a
fixed seed, so every run makes the same history, and written in bulk, so it
takes seconds. The story the charts tell: the automated voice menu starts in
October of last fiscal year, and from then on more people from the
mountainous districts (中山間地域) register and come.

Idempotent: if the history's residents exist, nothing is added.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.fiscal import FiscalYear
from core.office_days import next_open_day
from core.roles import Role
from outreach.models import (
    AttendanceMark,
    CanDoStatement,
    ClassSession,
    Registration,
    Resident,
    Topic,
    Venue,
)
from outreach.rosters import helpers_needed

SEED = 20240401
# 070-2000-xxxx (mobiles) and 042-680-xxxx (landlines): demo numbers, never dialled.
MOBILE, LANDLINE = "+81702000{:04d}", "+8142680{:04d}"
RESIDENTS = 1200
CLASS_DAYS = (8, 22)  # two classes a month at each venue
HELPERS = [
    ("helper1@example.jp", "デジタル推進委員 一"),
    ("helper2@example.jp", "デジタル推進委員 二"),
]
FAMILY = [
    "相模",
    "津久井",
    "藤野",
    "城山",
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "小林",
    "山本",
    "中村",
    "石井",
]
GIVEN = ["ハナ", "トメ", "一郎", "和子", "昭", "幸子", "茂", "節子", "清", "洋子", "勇", "みどり"]
AGE_BANDS = ["60s", "70s", "70s", "80plus", "80plus", "under60", ""]
LANGUAGES = ["ja"] * 46 + ["en", "zh-hans", "vi", "pt-br"]


def voice_menu_start(today: dt.date) -> dt.date:
    """October of last fiscal year: when the demo's voice menu starts taking registrations."""
    return FiscalYear.of(today).previous.start.replace(month=10)


def _residents(rng: random.Random, districts: list) -> list[Resident]:
    people = []
    for n in range(RESIDENTS):
        district = rng.choice(districts)
        landline = rng.random() < (0.45 if district.is_mountainous else 0.25)
        people.append(
            Resident(
                name=f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
                name_kana="でも じゅうみん",
                phone=(LANDLINE if landline else MOBILE).format(n),
                district=district if rng.random() > 0.06 else None,
                age_band=rng.choice(AGE_BANDS),
                language=rng.choice(LANGUAGES),
                consented_at=timezone.now(),
            )
        )
    return Resident.objects.bulk_create(people)


def _channel(rng: random.Random, voice_open: bool, mountainous: bool) -> str:
    if voice_open:
        weights = {"web": 30, "desk": 30, "voice": 35 if mountainous else 20, "walk_in": 5}
    else:
        weights = {"web": 45, "desk": 50, "walk_in": 5}
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _marks(rng, registration, session, statements) -> list[AttendanceMark]:
    start = session.starts_at
    roll = rng.random()
    value = (
        "present"
        if roll < 0.80
        else "late"
        if roll < 0.86
        else "absent"
        if roll < 0.93
        else "excused"
    )
    marks = [_mark(rng, registration, session, "attendance", value, start)]
    if value not in ("present", "late"):
        return marks
    levels = ["not_yet", "with_help", "yes"]
    for statement in statements:
        before = rng.choices([0, 1, 2], weights=[50, 30, 20])[0]
        after = min(2, before + (1 if rng.random() < 0.65 else 0) + (rng.random() < 0.15))
        marks.append(
            _mark(rng, registration, session, "can_do", levels[before], start, statement, "before")
        )
        marks.append(
            _mark(
                rng, registration, session, "can_do", levels[after], start, statement, "after", 100
            )
        )
    score = rng.choices(["5", "4", "3", "2"], weights=[45, 38, 13, 4])[0]
    marks.append(
        _mark(rng, registration, session, "satisfaction", score, start, None, "after", 110)
    )
    return marks


def _mark(rng, registration, session, kind, value, start, statement=None, phase="", minutes=5):
    return AttendanceMark(
        client_uuid=uuid.UUID(int=rng.getrandbits(128)),
        session=session,
        registration=registration,
        kind=kind,
        value=value,
        statement=statement,
        phase=phase,
        made_at=start + dt.timedelta(minutes=minutes),
    )


def _class_days(first: dt.date, last: dt.date):
    day = first.replace(day=1)
    while day <= last:
        for number in CLASS_DAYS:
            # Moved off a national holiday or the year-end closure, as the city would.
            candidate = next_open_day(day.replace(day=number))
            if first <= candidate <= last:
                yield candidate
        day = (day + dt.timedelta(days=32)).replace(day=1)


def seed_history(ctx) -> None:
    if Resident.objects.filter(phone__startswith=MOBILE[:9]).exists():
        ctx.say("  history: already there")
        return
    rng = random.Random(SEED)  # noqa: S311 - demo data, the same every run; not a secret
    today = timezone.localdate()
    venues = list(Venue.objects.select_related("district").order_by("id"))
    topics = list(Topic.objects.order_by("sort_order"))
    if not venues or not topics:
        return
    statements = {}
    for statement in CanDoStatement.objects.filter(is_active=True).order_by("sort_order", "id"):
        statements.setdefault(statement.topic_id, []).append(statement)
    districts = sorted({venue.district for venue in venues}, key=lambda d: d.flyer_number)
    residents = _residents(rng, districts)
    by_district: dict = {}
    for resident in residents:
        by_district.setdefault(resident.district_id, []).append(resident)
    helpers = [
        get_user_model().objects.get_or_create(email=email, defaults={"display_name": name})[0]
        for email, name in HELPERS
    ]
    lead = ctx.users.get(Role.TRAINER)
    first = FiscalYear.of(today).previous.previous.start
    voice_start = voice_menu_start(today)
    sessions: list[ClassSession] = []
    for day in _class_days(first, today - dt.timedelta(days=1)):
        for index, venue in enumerate(venues):
            hour, minute = (10, 0) if index % 2 == 0 else (13, 30)
            starts = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
            sessions.append(
                ClassSession(
                    topic=topics[(day.month + index + day.day) % len(topics)],
                    venue=venue,
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=2),
                    capacity=8 if venue.district.is_mountainous else 12,
                    loaner_devices=4 if venue.keeps_loaner_phones else 0,
                    lead_trainer=lead,
                    status=(
                        ClassSession.Status.CANCELLED
                        if rng.random() < 0.03
                        else ClassSession.Status.PUBLISHED
                    ),
                )
            )
    sessions = ClassSession.objects.bulk_create(sessions)
    registrations: list[Registration] = []
    plans = []
    for session in sessions:
        day = timezone.localdate(session.starts_at)
        voice_open = day >= voice_start
        mountainous = session.venue.district.is_mountainous
        if mountainous:
            # Before the voice menu, half-empty classes in the mountains; after it, full ones:
            # it reaches people with a landline and no web.
            share = rng.uniform(0.75, 1.2) if voice_open else rng.uniform(0.3, 0.6)
        else:
            share = rng.uniform(0.6, 1.05)
        wanted = min(int(session.capacity * share), session.capacity + 4)
        local = by_district.get(session.venue.district_id, [])
        pool = rng.sample(local, min(len(local), wanted * 4 // 5)) + rng.sample(residents, wanted)
        chosen = list(dict.fromkeys(pool))[:wanted]
        seats = 0
        for resident in chosen:
            party = 2 if rng.random() < 0.07 else 1
            channel = _channel(rng, voice_open, mountainous)
            fits = seats + party <= session.capacity
            status = Registration.Status.CONFIRMED if fits else Registration.Status.WAITLISTED
            if session.status == ClassSession.Status.CANCELLED or rng.random() < 0.04:
                status = Registration.Status.CANCELLED
            seats += party if status == Registration.Status.CONFIRMED else 0
            requested = session.starts_at - dt.timedelta(days=rng.randint(1, 20))
            registration = Registration(
                session=session,
                resident=resident,
                phone=resident.phone,
                status=status,
                channel=channel,
                party_size=party,
                needs_loaner_device=rng.random() < 0.2,
                requested_at=requested,
                status_changed_at=requested,
            )
            registrations.append(registration)
            plans.append((registration, session))
    Registration.objects.bulk_create(registrations, batch_size=2000)
    marks: list[AttendanceMark] = []
    attendees: dict[int, int] = {}
    for registration, session in plans:
        if registration.status != Registration.Status.CONFIRMED:
            continue
        made = _marks(rng, registration, session, statements.get(session.topic_id, [])[:3])
        marks += made
        if made[0].value in ("present", "late"):
            attendees[session.pk] = attendees.get(session.pk, 0) + registration.party_size
    AttendanceMark.objects.bulk_create(marks, batch_size=2000)
    through = ClassSession.helpers.through
    links = []
    for session in sessions:
        needed = helpers_needed(attendees.get(session.pk, 0))
        # Helpers are short now and then, more often in the mountains.
        short = rng.random() < (0.35 if session.venue.district.is_mountainous else 0.15)
        for helper in helpers[: max(needed - short, 0)]:
            links.append(through(classsession_id=session.pk, user_id=helper.pk))
    through.objects.bulk_create(links, batch_size=2000)
    ctx.count("history classes", True)
    ctx.say(
        f"  history since {first}: {len(sessions)} classes, {len(registrations)} registrations, "
        f"{len(marks)} attendance marks, {len(residents)} residents"
    )
