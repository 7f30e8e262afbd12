"""The only outreach code other apps read: class topics and classes for the help pages
(cms) and when what they return may have changed, and the facts behind the yearly
figures (metrics).

DESIGN.md keeps the arrows pointing inwards: cms and metrics know nothing of
outreach's models beyond these functions, so the class finder and the
attendance log can change freely.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save

from outreach.models import (
    AttendanceMark,
    ClassSession,
    District,
    Registration,
    Resident,
    Topic,
    Venue,
)
from outreach.rosters import PersonState, current_state
from outreach.rosters import (
    helpers_needed as helpers_needed,
)  # one helper per four, for the figures
from outreach.signals import class_changed, registration_changed


def class_topics():
    """Every class topic in curriculum order (basics first), for the help index and editors."""
    return Topic.objects.order_by("sort_order", "slug")


def topic_by_slug(slug: str) -> Topic | None:
    return Topic.objects.filter(slug=slug).first()


def next_classes_for_topic(topic: Topic | str, *, limit: int = 3) -> list[ClassSession]:
    """The next published classes on this topic that have not started, with seats info.

    Each class carries ``seats_left``, ``confirmed_seats`` and ``waitlist_length``
    (one query whatever the limit: the class finder's ``with_seats_left()``).
    """
    sessions = ClassSession.objects.published().upcoming().with_related().with_seats_left()
    if isinstance(topic, str):
        sessions = sessions.filter(topic__slug=topic)
    else:
        sessions = sessions.filter(topic=topic)
    return list(sessions.order_by("starts_at", "id")[:limit])


def changes_class_listings(registration: Registration, event: str) -> bool:
    """Whether the public listings of a class (finder, class page, a help page's classes)
    may show something else after this registration event.

    They show the seats left while nobody waits, and 満席 once anyone does
    (templates/outreach/_seats.html): one more party at the end of a waiting list
    that was not empty changes nothing there. Anything else (a seat taken or freed,
    the first party waiting, a promotion, a cancellation) may. In a burst for a
    full class, that is most registrations, and each purge is a cache write.
    """
    position = getattr(registration, "arrival_position", None)
    return not (event == "waitlisted" and position is not None and position > 1)


def on_classes_changed(receiver, *, dispatch_uid: str) -> None:
    """Call `receiver(**kwargs)` whenever what the functions above return may have changed.

    A registration that changes the listings (changes_class_listings) or a class
    changed (sent on commit), a class saved or deleted, a topic, venue or district
    saved: the public page cache (help pages, class finder) purges on these.
    """

    def on_registration(sender, registration, event, **kwargs):
        if changes_class_listings(registration, event):
            receiver(sender=sender, registration=registration, event=event, **kwargs)

    # weak=False: the signal holds the only reference to this function.
    registration_changed.connect(
        on_registration,
        sender=Registration,
        weak=False,
        dispatch_uid=f"{dispatch_uid}-registration",
    )
    class_changed.connect(receiver, sender=ClassSession, dispatch_uid=f"{dispatch_uid}-class")
    post_save.connect(receiver, sender=ClassSession, dispatch_uid=f"{dispatch_uid}-class-save")
    post_delete.connect(receiver, sender=ClassSession, dispatch_uid=f"{dispatch_uid}-class-del")
    post_save.connect(receiver, sender=Topic, dispatch_uid=f"{dispatch_uid}-topic-save")
    post_save.connect(receiver, sender=Venue, dispatch_uid=f"{dispatch_uid}-venue-save")
    post_save.connect(receiver, sender=District, dispatch_uid=f"{dispatch_uid}-district-save")


# --- The yearly figures (metrics) --------------------------------------------------------
#
# metrics keeps summary tables of its own and fills them from these functions; it never
# reads outreach's models. Each function answers in a fixed number of queries whatever
# the number of classes asked about, so a refresh in chunks costs the same per chunk.

# Can-do answers in order: moving up this scale between before and after is an improvement.
CAN_DO_SCALE = {
    AttendanceMark.CanDo.NOT_YET: 0,
    AttendanceMark.CanDo.WITH_HELP: 1,
    AttendanceMark.CanDo.YES: 2,
}


@dataclass(frozen=True)
class ClassFacts:
    """What the figures need of one class: when, where, what, how big, how many helpers."""

    session_id: int
    starts_at: dt.datetime
    is_cancelled: bool
    is_published: bool
    capacity: int
    topic_id: int
    level: str
    district_id: int
    mountainous: bool
    helpers: int


@dataclass(frozen=True)
class RegistrationFacts:
    """One registration as the figures count it, with the latest of each of its marks.

    No name and no phone number: only the resident's id, which the figures count
    distinct, and the district, age band and language they gave.
    """

    registration_id: int
    session_id: int
    resident_id: int
    is_confirmed: bool
    is_waitlisted: bool
    is_cancelled: bool
    channel: str
    party_size: int
    promoted: bool
    home_district_id: int | None
    home_mountainous: bool | None
    age_band: str
    language: str
    # Confirmed and marked present or late by the trainer's last word.
    attended: bool
    # Marked at all (present, late, absent or excused), so counted in the no-show rate.
    attendance_recorded: bool
    # Marked absent without sending word (excused absences are not no-shows).
    no_show: bool
    can_do_pairs: int
    can_do_improved: int
    can_do_before_yes: int
    can_do_after_yes: int
    satisfaction: int | None


class _Mark(NamedTuple):
    # The attributes current_state() reads, without building a model instance per mark.
    registration_id: int
    kind: str
    statement_id: int | None
    phase: str
    value: str
    made_at: dt.datetime
    client_uuid: uuid.UUID


def class_facts(session_ids) -> list[ClassFacts]:
    """The classes asked about (one query)."""
    rows = (
        ClassSession.objects.filter(pk__in=list(session_ids))
        .order_by()
        .annotate(helper_count=Count("helpers"))
        .values_list(
            "pk",
            "starts_at",
            "status",
            "capacity",
            "topic_id",
            "topic__level",
            "venue__district_id",
            "venue__district__is_mountainous",
            "helper_count",
        )
    )
    return [
        ClassFacts(
            session_id=pk,
            starts_at=starts_at,
            is_cancelled=status == ClassSession.Status.CANCELLED,
            is_published=status == ClassSession.Status.PUBLISHED,
            capacity=capacity,
            topic_id=topic_id,
            level=level,
            district_id=district_id,
            mountainous=mountainous,
            helpers=helpers,
        )
        for (
            pk,
            starts_at,
            status,
            capacity,
            topic_id,
            level,
            district_id,
            mountainous,
            helpers,
        ) in rows
    ]


def _can_do_counts(state: PersonState) -> tuple[int, int, int, int]:
    pairs = improved = before_yes = after_yes = 0
    statements = {statement for statement, _phase in state.can_do}
    for statement in statements:
        before = state.can_do.get((statement, AttendanceMark.Phase.BEFORE))
        after = state.can_do.get((statement, AttendanceMark.Phase.AFTER))
        if before is None or after is None:
            continue
        pairs += 1
        improved += CAN_DO_SCALE.get(after.value, 0) > CAN_DO_SCALE.get(before.value, 0)
        before_yes += before.value == AttendanceMark.CanDo.YES
        after_yes += after.value == AttendanceMark.CanDo.YES
    return pairs, improved, before_yes, after_yes


def registration_facts(session_ids) -> list[RegistrationFacts]:
    """Every registration of the classes asked about, with its current marks (two queries).

    "Current" is outreach's one rule for the attendance log, current_state(): the
    latest mark of each kind wins, so a mark synced a week late or corrected on paper
    counts as the trainer's last word.
    """
    ids = list(session_ids)
    registrations = (
        Registration.objects.filter(session_id__in=ids)
        .order_by()
        .values_list(
            "pk",
            "session_id",
            "resident_id",
            "status",
            "channel",
            "party_size",
            "promoted_at",
            "resident__district_id",
            "resident__district__is_mountainous",
            "resident__age_band",
            "resident__language",
        )
    )
    marks = (
        AttendanceMark.objects.filter(session_id__in=ids)
        .order_by()
        .values_list(
            "registration_id", "kind", "statement_id", "phase", "value", "made_at", "client_uuid"
        )
    )
    states = current_state(_Mark(*row) for row in marks)
    facts = []
    for (
        pk,
        session_id,
        resident_id,
        status,
        channel,
        party_size,
        promoted_at,
        home_district_id,
        home_mountainous,
        age_band,
        language,
    ) in registrations:
        state = states.get(pk) or PersonState()
        satisfaction = state.satisfaction.value if state.satisfaction else ""
        pairs, improved, before_yes, after_yes = _can_do_counts(state)
        confirmed = status == Registration.Status.CONFIRMED
        attendance = state.attendance_value
        facts.append(
            RegistrationFacts(
                registration_id=pk,
                session_id=session_id,
                resident_id=resident_id,
                is_confirmed=confirmed,
                is_waitlisted=status == Registration.Status.WAITLISTED,
                is_cancelled=status == Registration.Status.CANCELLED,
                channel=channel,
                party_size=party_size,
                promoted=promoted_at is not None,
                home_district_id=home_district_id,
                home_mountainous=home_mountainous,
                age_band=age_band or "",
                language=language or "",
                attended=confirmed and state.is_here,
                attendance_recorded=confirmed and attendance != AttendanceMark.Attendance.UNMARKED,
                no_show=confirmed and attendance == AttendanceMark.Attendance.ABSENT,
                can_do_pairs=pairs,
                can_do_improved=improved,
                can_do_before_yes=before_yes,
                can_do_after_yes=after_yes,
                satisfaction=int(satisfaction) if satisfaction.isdigit() else None,
            )
        )
    return facts


def class_ids_between(start: dt.datetime | None = None, end: dt.datetime | None = None):
    """Ids of every class starting in [start, end), in order (either bound may be open)."""
    sessions = ClassSession.objects.order_by("pk")
    if start is not None:
        sessions = sessions.filter(starts_at__gte=start)
    if end is not None:
        sessions = sessions.filter(starts_at__lt=end)
    return list(sessions.values_list("pk", flat=True))


def existing_class_ids(session_ids) -> set[int]:
    """Which of these classes still exist (a class deleted in the admin leaves the figures)."""
    return set(ClassSession.objects.filter(pk__in=list(session_ids)).values_list("pk", flat=True))


def classes_changed_since(moment: dt.datetime) -> set[int]:
    """Classes whose figures may have changed since the moment (four queries).

    A change is any write that bumps a timestamp: the class itself (cancelled,
    moved, capacity), a registration (made, cancelled, promoted, moved, merged),
    an attendance mark received (whatever the tablet's own clock said), or a
    resident's details (district, age band), which count in every class they came to.
    """
    changed = set(ClassSession.objects.filter(updated_at__gte=moment).values_list("pk", flat=True))
    changed |= set(
        Registration.objects.filter(updated_at__gte=moment).values_list("session_id", flat=True)
    )
    changed |= set(
        AttendanceMark.objects.filter(received_at__gte=moment)
        .order_by()
        .values_list("session_id", flat=True)
        .distinct()
    )
    changed |= set(
        Registration.objects.filter(resident__updated_at__gte=moment)
        .order_by()
        .values_list("session_id", flat=True)
        .distinct()
    )
    return changed


def registration_channels() -> list[tuple[str, str]]:
    """(value, label) of each way to register: web, desk, voice menu, walk-in."""
    return list(Registration.Channel.choices)


def age_bands() -> list[tuple[str, str]]:
    """(value, label) of each age band residents may give ("" is not given)."""
    return list(Resident.AgeBand.choices)


def topic_levels() -> list[tuple[str, str]]:
    """(value, label) of the curriculum's levels: basic, applied."""
    return list(Topic.Level.choices)


def districts():
    """Every district in flyer order (the figures' district filter and labels)."""
    return District.objects.order_by("flyer_number")


def district_by_code(code: str) -> District | None:
    return District.objects.filter(code=code).first()


def upcoming_classes(now=None) -> list[ClassSession]:
    """Published classes that have not started, with venue, district, topic and seats (one query).

    For the open-data event list: the same classes the class finder shows.
    """
    return list(
        ClassSession.objects.published()
        .upcoming(now)
        .with_related()
        .with_seats_left()
        .order_by("starts_at", "id")
    )


def upcoming_classes_version(now=None) -> str:
    """Changes whenever a class that the open-data event list shows changes (one query)."""
    summary = (
        ClassSession.objects.published()
        .upcoming(now)
        .aggregate(count=Count("id"), latest=Max("updated_at"), last_id=Max("id"))
    )
    latest = summary["latest"].isoformat() if summary["latest"] else "-"
    return f"{summary['count']}-{summary['last_id']}-{latest}"


def place_readings() -> dict[str, str]:
    """Each district's and venue's name with its kana, for furigana (cms.readings)."""
    readings = dict(District.objects.exclude(name_kana="").values_list("name", "name_kana"))
    venues = Venue.objects.exclude(name_kana="").values_list("name", "name_kana")
    readings.update((name, kana.replace(" ", "").replace("\u3000", "")) for name, kana in venues)
    return readings
