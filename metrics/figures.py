"""The year's numbers, read from the summary tables in a fixed number of queries.

Filters narrow every figure to the classes of one district (where the class was
held) and/or one topic. "Held" means published, not cancelled, and started
before now: a class later this year counts for registrations and the waiting
list, not yet for attendance.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from core.fiscal import FiscalYear
from messaging import queries as messaging
from metrics.models import ClassFact, RegistrationFact

# Satisfaction is asked on a scale of 1 to 5; 4 and 5 count as satisfied.
SATISFIED_FROM = 4


@dataclass(frozen=True)
class Filters:
    fiscal_year: FiscalYear
    district_id: int | None = None
    topic_id: int | None = None

    def for_year(self, fiscal_year: FiscalYear) -> Filters:
        return Filters(fiscal_year, self.district_id, self.topic_id)


def _narrow(rows, filters: Filters, *, year=True):
    if year:
        rows = rows.filter(fiscal_year=filters.fiscal_year.start_year)
    if filters.district_id is not None:
        rows = rows.filter(district_id=filters.district_id)
    if filters.topic_id is not None:
        rows = rows.filter(topic_id=filters.topic_id)
    return rows


def registrations(filters: Filters, *, year=True):
    return _narrow(RegistrationFact.objects.all(), filters, year=year)


def classes(filters: Filters):
    return _narrow(ClassFact.objects.all(), filters)


def _held(now: dt.datetime, prefix: str = "") -> Q:
    published, cancelled = (
        ("class_published", "class_cancelled") if prefix else ("is_published", "is_cancelled")
    )
    return Q(**{published: True, cancelled: False, "starts_at__lt": now})


@dataclass
class YearTotals:
    """Every number the headline measures are made of, for one year and filter."""

    people_reached: int = 0
    mountainous_reached: int = 0
    known_home_reached: int = 0
    repeat_people: int = 0
    attendees: int = 0
    confirmed_seats: int = 0
    recorded: int = 0
    no_shows: int = 0
    waitlisted_never_promoted: int = 0
    can_do_pairs: int = 0
    can_do_improved: int = 0
    satisfaction_answers: int = 0
    satisfied: int = 0
    registrations: int = 0
    classes_held: int = 0
    capacity_held: int = 0
    classes_with_attendees: int = 0
    classes_helpers_kept: int = 0
    messages: int = 0
    message_cost: Decimal = Decimal("0")
    messages_by_channel: dict[str, tuple[int, Decimal]] = field(default_factory=dict)


def year_totals(filters: Filters, *, now: dt.datetime | None = None) -> YearTotals:
    """The year's totals in four queries, whatever the number of rows."""
    now = now or timezone.now()
    held = _held(now, prefix="class_")
    came = held & Q(attended=True)
    rows = registrations(filters)
    totals = rows.aggregate(
        people_reached=Count("resident_id", distinct=True, filter=came),
        mountainous_reached=Count(
            "resident_id", distinct=True, filter=came & Q(home_mountainous=True)
        ),
        known_home_reached=Count(
            "resident_id", distinct=True, filter=came & Q(home_district_id__isnull=False)
        ),
        attendees=Sum("party_size", filter=came),
        confirmed_seats=Sum("party_size", filter=held & Q(is_confirmed=True)),
        recorded=Count("pk", filter=held & Q(attendance_recorded=True)),
        no_shows=Count("pk", filter=held & Q(no_show=True)),
        waitlisted_never_promoted=Sum(
            "party_size", filter=Q(class_cancelled=False, is_waitlisted=True, promoted=False)
        ),
        can_do_pairs=Sum("can_do_pairs", filter=held),
        can_do_improved=Sum("can_do_improved", filter=held),
        satisfaction_answers=Count("satisfaction", filter=held),
        satisfied=Count("pk", filter=held & Q(satisfaction__gte=SATISFIED_FROM)),
        registrations=Count("pk", filter=Q(is_cancelled=False)),
    )
    # People who came to two classes or more in the year (one query, a grouped subquery).
    totals["repeat_people"] = (
        rows.filter(came)
        .values("resident_id")
        .annotate(classes=Count("session_id", distinct=True))
        .filter(classes__gte=2)
        .count()
    )
    class_held = _held(now)
    with_people = class_held & Q(attendees__gt=0)
    totals.update(
        classes(filters).aggregate(
            classes_held=Count("pk", filter=class_held),
            capacity_held=Sum("capacity", filter=class_held),
            classes_with_attendees=Count("pk", filter=with_people),
            classes_helpers_kept=Count(
                "pk", filter=with_people & Q(helpers__gte=F("helpers_needed"))
            ),
        )
    )
    result = YearTotals(**{key: value or 0 for key, value in totals.items()})
    start, end = filters.fiscal_year.bounds()
    by_channel: dict[str, tuple[int, Decimal]] = {}
    for cost in messaging.message_costs(
        start=start, end=end, district_id=filters.district_id, topic_id=filters.topic_id
    ):
        count, money = by_channel.get(cost.channel, (0, Decimal("0")))
        by_channel[cost.channel] = (count + cost.count, money + cost.total)
    result.messages_by_channel = by_channel
    result.messages = sum(count for count, _money in by_channel.values())
    result.message_cost = sum((money for _count, money in by_channel.values()), Decimal("0"))
    return result


# --- Cuts: each one query -------------------------------------------------------------------


def _two_years(filters: Filters):
    """This year's and last year's rows, for cuts shown side by side (one query, not two)."""
    years = [filters.fiscal_year.start_year, filters.fiscal_year.previous.start_year]
    return registrations(filters, year=False).filter(fiscal_year__in=years)


def attendees_by_month(filters: Filters, *, now: dt.datetime) -> dict[dt.date, int]:
    """People present per month, this fiscal year and last (months carry their year)."""
    rows = (
        _two_years(filters)
        .filter(_held(now, prefix="class_"), attended=True)
        .values("month")
        .annotate(people=Sum("party_size"))
        .order_by()
    )
    return {row["month"]: row["people"] for row in rows}


def reached_by(filters: Filters, column: str, *, now: dt.datetime) -> dict[tuple[int, object], int]:
    """Distinct people who came, by fiscal year (this and last) and one of their attributes.

    Each person has one district, age band and language at a time, so the groups
    add up to the people reached.
    """
    rows = (
        _two_years(filters)
        .filter(_held(now, prefix="class_"), attended=True)
        .values("fiscal_year", column)
        .annotate(people=Count("resident_id", distinct=True))
        .order_by()
    )
    return {(row["fiscal_year"], row[column]): row["people"] for row in rows}


def attendances_by_topic(filters: Filters, *, now: dt.datetime) -> dict[int, int]:
    """People present per topic (a person who came to two topics counts in both)."""
    rows = (
        registrations(filters)
        .filter(_held(now, prefix="class_"), attended=True)
        .values("topic_id")
        .annotate(people=Sum("party_size"))
        .order_by()
    )
    return {row["topic_id"]: row["people"] for row in rows}


def can_do_by_topic(filters: Filters, *, now: dt.datetime) -> dict[int, tuple[int, int, int]]:
    """Per topic: (answer pairs, "I can" before, "I can" after)."""
    rows = (
        registrations(filters)
        .filter(_held(now, prefix="class_"), can_do_pairs__gt=0)
        .values("topic_id")
        .annotate(
            pairs=Sum("can_do_pairs"),
            before=Sum("can_do_before_yes"),
            after=Sum("can_do_after_yes"),
        )
        .order_by()
    )
    return {row["topic_id"]: (row["pairs"], row["before"], row["after"]) for row in rows}


def registrations_by_year_and_channel(filters: Filters) -> dict[tuple[int, str], int]:
    """Registrations not cancelled, per fiscal year and channel, over every year on record."""
    rows = (
        registrations(filters, year=False)
        .filter(is_cancelled=False)
        .values("fiscal_year", "channel")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {(row["fiscal_year"], row["channel"]): row["count"] for row in rows}


def mountainous_by_year(filters: Filters, *, now: dt.datetime) -> dict[int, tuple[int, int]]:
    """Per fiscal year: (people reached who live in a mountainous district, with a known one)."""
    came = _held(now, prefix="class_") & Q(attended=True)
    rows = (
        registrations(filters, year=False)
        .filter(came, home_district_id__isnull=False)
        .values("fiscal_year")
        .annotate(
            mountainous=Count("resident_id", distinct=True, filter=Q(home_mountainous=True)),
            known=Count("resident_id", distinct=True),
        )
        .order_by()
    )
    return {row["fiscal_year"]: (row["mountainous"], row["known"]) for row in rows}


def years_on_record() -> list[int]:
    """Fiscal years that have classes in the summary tables, oldest first."""
    return sorted(ClassFact.objects.values_list("fiscal_year", flat=True).distinct().order_by())


def months_of(fiscal_year: FiscalYear) -> list[dt.date]:
    return [
        dt.date(fiscal_year.start_year + (month < 4), month, 1)
        for month in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
    ]


def group_rows(rows: dict, key) -> dict:
    grouped: dict = defaultdict(int)
    for item, value in rows.items():
        grouped[key(item)] += value
    return dict(grouped)
