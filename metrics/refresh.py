"""Bring the figures' summary tables up to date from outreach's query functions.

refresh_figures() is the one function that writes ClassFact and RegistrationFact.
The worker runs it (metrics.tasks) when the dashboard finds the figures older
than FIGURES_REFRESH_SECONDS, and `manage.py refresh_figures` runs it from cron
or by hand; `--full` rebuilds everything.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone

from core.fiscal import FiscalYear
from metrics.models import ClassFact, FiguresRefresh, RegistrationFact
from outreach import queries as outreach

# Classes read from outreach at a time: keeps each query's IN list and memory bounded.
CHUNK = 500
# A change is found by its timestamp, which is set when the row is written, not when
# its transaction commits. A write stamped just before a refresh began may commit
# after the refresh read; reading from this much earlier catches it next time.
OVERLAP = dt.timedelta(minutes=10)


@dataclass
class RefreshReport:
    full: bool
    classes: int
    registrations: int
    removed_classes: int
    seconds: float


def _month(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date().replace(day=1)


def _locked_state() -> FiguresRefresh:
    """The bookkeeping row, locked until the refresh commits (refreshes take turns)."""
    state = FiguresRefresh.objects.select_for_update().filter(pk=1).first()
    if state is not None:
        return state
    try:
        with transaction.atomic():
            FiguresRefresh.objects.create(pk=1)
    except IntegrityError:
        pass  # another refresh made it first; wait for its lock below
    return FiguresRefresh.objects.select_for_update().get(pk=1)


def _registration_rows(facts, classes: dict[int, outreach.ClassFacts]) -> list[RegistrationFact]:
    rows = []
    for fact in facts:
        klass = classes[fact.session_id]
        rows.append(
            RegistrationFact(
                registration_id=fact.registration_id,
                session_id=fact.session_id,
                resident_id=fact.resident_id,
                fiscal_year=FiscalYear.of(klass.starts_at).start_year,
                month=_month(klass.starts_at),
                starts_at=klass.starts_at,
                class_cancelled=klass.is_cancelled,
                class_published=klass.is_published,
                topic_id=klass.topic_id,
                level=klass.level,
                district_id=klass.district_id,
                class_mountainous=klass.mountainous,
                home_district_id=fact.home_district_id,
                home_mountainous=fact.home_mountainous,
                age_band=fact.age_band,
                language=fact.language,
                is_confirmed=fact.is_confirmed,
                is_waitlisted=fact.is_waitlisted,
                is_cancelled=fact.is_cancelled,
                channel=fact.channel,
                party_size=fact.party_size,
                promoted=fact.promoted,
                attended=fact.attended,
                attendance_recorded=fact.attendance_recorded,
                no_show=fact.no_show,
                can_do_pairs=fact.can_do_pairs,
                can_do_improved=fact.can_do_improved,
                can_do_before_yes=fact.can_do_before_yes,
                can_do_after_yes=fact.can_do_after_yes,
                satisfaction=fact.satisfaction,
            )
        )
    return rows


def _class_rows(classes: Iterable[outreach.ClassFacts]) -> list[ClassFact]:
    classes = list(classes)
    attendees = defaultdict(int)
    for row in (
        RegistrationFact.objects.filter(
            session_id__in=[c.session_id for c in classes], attended=True
        )
        .values("session_id")
        .annotate(people=Sum("party_size"))
        .order_by()
    ):
        attendees[row["session_id"]] = row["people"]
    return [
        ClassFact(
            session_id=klass.session_id,
            fiscal_year=FiscalYear.of(klass.starts_at).start_year,
            month=_month(klass.starts_at),
            starts_at=klass.starts_at,
            is_cancelled=klass.is_cancelled,
            is_published=klass.is_published,
            capacity=klass.capacity,
            topic_id=klass.topic_id,
            level=klass.level,
            district_id=klass.district_id,
            mountainous=klass.mountainous,
            helpers=klass.helpers,
            attendees=attendees[klass.session_id],
            helpers_needed=outreach.helpers_needed(attendees[klass.session_id]),
        )
        for klass in classes
    ]


def _rewrite(session_ids: list[int], *, clear: bool = True) -> tuple[int, int]:
    """Replace the rows of these classes with what outreach says now."""
    classes = {c.session_id: c for c in outreach.class_facts(session_ids)}
    facts = outreach.registration_facts(list(classes))
    registrations = _registration_rows(facts, classes)
    if clear:
        # A registration moved to another class keeps its id only if outreach moved it;
        # deleting by id too means its old row, under a class not being rewritten, goes.
        RegistrationFact.objects.filter(
            Q(session_id__in=session_ids)
            | Q(registration_id__in=[r.registration_id for r in facts])
        ).delete()
        ClassFact.objects.filter(session_id__in=session_ids).delete()
    RegistrationFact.objects.bulk_create(registrations, batch_size=2000)
    ClassFact.objects.bulk_create(_class_rows(classes.values()), batch_size=2000)
    return len(classes), len(registrations)


def _recount_classes(session_ids: list[int]) -> None:
    """Class rows only (helpers, capacity, status): cheap, and catches edits with no timestamp."""
    classes = outreach.class_facts(session_ids)
    ClassFact.objects.filter(session_id__in=session_ids).delete()
    ClassFact.objects.bulk_create(_class_rows(classes), batch_size=2000)


def _deleted_classes() -> set[int]:
    """Classes in the summary tables that outreach no longer has.

    A deletion (a class removed in the admin, and its registrations with it)
    leaves no timestamp behind, so every known class is checked, in chunks.
    """
    known = list(ClassFact.objects.order_by().values_list("session_id", flat=True))
    gone: set[int] = set()
    for chunk in _chunks(known):
        gone |= set(chunk) - outreach.existing_class_ids(chunk)
    return gone


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def refresh_figures(
    *,
    full: bool = False,
    now: dt.datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> RefreshReport:
    """Rewrite the summary rows of every class changed since the last refresh (or of all).

    Invariant: when it returns, every class that existed when it started has exactly
    one ClassFact and one RegistrationFact per registration, as outreach's query
    functions gave them; a class no longer in outreach has none. It runs in one
    transaction, so a dashboard reads the old figures or the new ones, never half.
    """
    began = time.monotonic()
    now = now or timezone.now()
    say = progress or (lambda _text: None)
    with transaction.atomic():
        state = _locked_state()
        full = full or state.finished_at is None
        if full:
            ids = outreach.class_ids_between()
            known = set(ClassFact.objects.values_list("session_id", flat=True))
            gone = known - set(ids)
            # Everything is written again: empty the tables once, not chunk by chunk.
            RegistrationFact.objects.all().delete()
            ClassFact.objects.all().delete()
        else:
            touched = outreach.classes_changed_since(state.started_at - OVERLAP)
            ids = sorted(outreach.existing_class_ids(touched))
            gone = _deleted_classes()
        if gone:
            ClassFact.objects.filter(session_id__in=gone).delete()
            RegistrationFact.objects.filter(session_id__in=gone).delete()
        classes = registrations = 0
        for number, chunk in enumerate(_chunks(ids), start=1):
            done_classes, done_registrations = _rewrite(chunk, clear=not full)
            classes += done_classes
            registrations += done_registrations
            say(
                f"  classes {min(number * CHUNK, len(ids))}/{len(ids)}, "
                f"registrations {registrations}"
            )
        # Helpers are added to a class without touching its timestamp: recount this
        # year's classes (a few thousand small rows) every time.
        start, end = FiscalYear.of(now).bounds()
        this_year = sorted(set(outreach.class_ids_between(start, end)) - set(ids))
        for chunk in _chunks(this_year):
            _recount_classes(chunk)
        state.started_at = now
        state.finished_at = timezone.now()
        if full:
            state.full_at = state.finished_at
        state.classes = ClassFact.objects.count()
        state.registrations = RegistrationFact.objects.count()
        state.save(
            update_fields=["started_at", "finished_at", "full_at", "classes", "registrations"]
        )
    return RefreshReport(
        full=full,
        classes=classes,
        registrations=registrations,
        removed_classes=len(gone),
        seconds=time.monotonic() - began,
    )


def last_refresh() -> FiguresRefresh | None:
    return FiguresRefresh.objects.filter(pk=1).first()
