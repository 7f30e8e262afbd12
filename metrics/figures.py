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

from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from core.fiscal import FiscalYear
from messaging import queries as messaging
from metrics.models import ClassFact, RegistrationFact
from training import queries as training

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
    # Required staff courses: (person, requirement) pairs due, completed and overdue.
    staff_required: int = 0
    staff_completed: int = 0
    staff_overdue: int = 0


# People who came, by fiscal year and by their own attributes. Each person has one
# district, age band and language at a time (every class of theirs is refreshed when
# they change), so these groups partition the people reached: per-district, per-age-band
# and per-language counts, and the totals, are sums of them.
PEOPLE_KEY = ("fiscal_year", "home_district_id", "home_mountainous", "age_band", "language")


@dataclass
class Collected:
    """What one figures page reads from the summary tables, in five queries."""

    filters: Filters
    totals: dict[int, YearTotals]
    people: dict[tuple, int]
    # Required-course completion per department, by fiscal year (empty when the page is
    # filtered by district or topic: staff courses have neither).
    staff: dict[int, list] = field(default_factory=dict)

    def year(self, fiscal_year: FiscalYear) -> YearTotals:
        return self.totals.get(fiscal_year.start_year) or YearTotals()

    def people_by(self, column: str, fiscal_year: FiscalYear) -> dict:
        index = PEOPLE_KEY.index(column)
        return group_rows(
            {key: n for key, n in self.people.items() if key[0] == fiscal_year.start_year},
            lambda key: key[index],
        )


def _people(rows, came: Q, years: list[int]) -> dict[tuple, int]:
    counted = (
        rows.filter(came, fiscal_year__in=years)
        .values(*PEOPLE_KEY)
        .annotate(people=Count("resident_id", distinct=True))
        .order_by()
    )
    return {tuple(row[key] for key in PEOPLE_KEY): row["people"] for row in counted}


def _repeaters(rows, came: Q, years: list[int]) -> dict[int, int]:
    """People who came to two classes or more, per fiscal year (one grouped subquery)."""
    inner = (
        rows.filter(came, fiscal_year__in=years)
        .values("fiscal_year", "resident_id")
        .annotate(classes=Count("pk"))
        .filter(classes__gte=2)
        .order_by()
    )
    sql, params = inner.query.sql_with_params()
    # The inner SQL is Django's own, with its values passed as parameters.
    outer = f"SELECT t.fiscal_year, COUNT(*) FROM ({sql}) t GROUP BY t.fiscal_year"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        return dict(cursor.fetchall())


def collect(filters: Filters, *, now: dt.datetime | None = None) -> Collected:
    """This year's and last year's totals, and people by attribute over three years.

    Five queries whatever the number of rows: people by attribute, registrations,
    repeaters, classes (each grouped by year), and the messages of both years.
    """
    now = now or timezone.now()
    this, last = filters.fiscal_year, filters.fiscal_year.previous
    years = [this.start_year, last.start_year]
    held = _held(now, prefix="class_")
    came = held & Q(attended=True)
    rows = registrations(filters, year=False)
    people = _people(rows, came, [*years, last.previous.start_year])
    totals = {year: YearTotals() for year in years}
    for row in (
        rows.filter(fiscal_year__in=years)
        .values("fiscal_year")
        .annotate(
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
        .order_by()
    ):
        year = row.pop("fiscal_year")
        totals[year] = YearTotals(**{key: value or 0 for key, value in row.items()})
    for year, count in _repeaters(rows, came, years).items():
        totals[year].repeat_people = count
    for (year, home, hilly, _band, _language), count in people.items():
        if year in totals:
            totals[year].people_reached += count
            totals[year].mountainous_reached += count if hilly else 0
            totals[year].known_home_reached += count if home is not None else 0
    class_held = _held(now)
    with_people = class_held & Q(attendees__gt=0)
    for row in (
        _narrow(ClassFact.objects.all(), filters, year=False)
        .filter(fiscal_year__in=years)
        .values("fiscal_year")
        .annotate(
            classes_held=Count("pk", filter=class_held),
            capacity_held=Sum("capacity", filter=class_held),
            classes_with_attendees=Count("pk", filter=with_people),
            classes_helpers_kept=Count(
                "pk", filter=with_people & Q(helpers__gte=F("helpers_needed"))
            ),
        )
        .order_by()
    ):
        year = row.pop("fiscal_year")
        for key, value in row.items():
            setattr(totals[year], key, value or 0)
    _add_messages(totals, filters, last.bounds()[0], this.bounds()[1])
    staff = _add_staff_courses(totals, filters)
    return Collected(filters, totals, people, staff)


def _add_staff_courses(totals: dict[int, YearTotals], filters: Filters) -> dict[int, list]:
    """Required staff courses per department (training.queries), four queries a year."""
    if filters.district_id is not None or filters.topic_id is not None:
        return {}
    staff = {}
    for year, entry in totals.items():
        rows = training.required_completion(FiscalYear(year))
        entry.staff_required = sum(row.required for row in rows)
        entry.staff_completed = sum(row.completed for row in rows)
        entry.staff_overdue = sum(row.overdue for row in rows)
        staff[year] = rows
    return staff


def _add_messages(totals: dict[int, YearTotals], filters: Filters, start, end) -> None:
    for cost in messaging.message_costs(
        start=start, end=end, district_id=filters.district_id, topic_id=filters.topic_id
    ):
        year = totals.get(FiscalYear.of(cost.month).start_year)
        if year is None:
            continue
        count, money = year.messages_by_channel.get(cost.channel, (0, Decimal("0")))
        year.messages_by_channel[cost.channel] = (count + cost.count, money + cost.total)
        year.messages += cost.count
        year.message_cost += cost.total


def year_totals(filters: Filters, *, now: dt.datetime | None = None) -> YearTotals:
    """The year's totals alone (for tests, the bench and the open data)."""
    return collect(filters, now=now).year(filters.fiscal_year)


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
    """Registrations not cancelled, per fiscal year and channel, this year and the two before."""
    year = filters.fiscal_year
    years = [year.start_year, year.previous.start_year, year.previous.previous.start_year]
    rows = (
        registrations(filters, year=False)
        .filter(is_cancelled=False, fiscal_year__in=years)
        .values("fiscal_year", "channel")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {(row["fiscal_year"], row["channel"]): row["count"] for row in rows}


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
