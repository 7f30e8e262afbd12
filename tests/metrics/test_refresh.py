"""The summary tables stay right after late edits, and a refresh never counts twice."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from metrics.figures import Filters, year_totals
from metrics.models import ClassFact, RegistrationFact
from metrics.refresh import refresh_figures
from outreach.models import AttendanceMark, ClassSession
from outreach.services import cancel_registration, move_registration
from tests.factories import UserFactory
from tests.metrics.conftest import mark

pytestmark = pytest.mark.django_db


def totals(world):
    return year_totals(Filters(world.year))


def facts():
    return sorted(
        RegistrationFact.objects.values_list(
            "registration_id", "session_id", "attended", "is_cancelled", "no_show"
        )
    )


def test_an_attendance_mark_synced_a_week_late_counts_after_the_next_refresh(world):
    b8 = world.registrations["B-r8"]  # marked excused in class; the tablet's "present"
    # was made in class but reached the server a week later (received_at is now).
    late = mark(b8, AttendanceMark.Attendance.PRESENT, minutes=45)
    assert late.received_at > b8.session.starts_at + dt.timedelta(days=7)
    assert totals(world).people_reached == 4
    assert not refresh_figures().full
    assert totals(world).people_reached == 5
    assert totals(world).attendees == 7


def test_a_late_mark_made_before_the_one_already_counted_does_not_win(world):
    a1 = world.registrations["A-r1"]
    mark(a1, AttendanceMark.Attendance.ABSENT, minutes=-30)  # older than "present"
    refresh_figures()
    assert totals(world).people_reached == 4


def test_a_cancellation_leaves_the_figures_at_the_next_refresh(world):
    b7 = world.registrations["B-r7"]
    # The class was last year: only the desk can still put its records right.
    cancel_registration(b7, reason="体調不良", by=UserFactory())
    refresh_figures()
    after = totals(world)
    assert (after.registrations, after.no_shows, after.recorded) == (8, 1, 7)


def test_a_resident_anonymised_keeps_the_figures(world):
    resident = world.residents["r1"]
    resident.name, resident.name_kana, resident.phone = "（削除済み）", "", None
    resident.save(update_fields=["name", "name_kana", "phone", "updated_at"])
    before = facts()
    refresh_figures()
    assert facts() == before
    assert totals(world).people_reached == 4


def test_a_moved_registration_is_counted_once_in_its_new_class(world):
    a2 = world.registrations["A-r2"]
    other = ClassSession.objects.create(
        topic=world.topics["basics"],
        venue=world.classes["A"].venue,
        starts_at=timezone.now() + dt.timedelta(days=10),
        ends_at=timezone.now() + dt.timedelta(days=10, hours=2),
        capacity=5,
        status=ClassSession.Status.PUBLISHED,
    )
    moved = move_registration(a2, other)
    refresh_figures()
    rows = RegistrationFact.objects.filter(resident_id=a2.resident_id)
    assert rows.filter(registration_id=moved.pk, session_id=other.pk).count() == 1
    assert rows.get(registration_id=a2.pk).is_cancelled


def test_a_deleted_class_leaves_the_summary_tables(world):
    gone = world.classes["B"].pk
    world.classes["B"].delete()
    refresh_figures()
    assert not ClassFact.objects.filter(session_id=gone).exists()
    assert not RegistrationFact.objects.filter(session_id=gone).exists()
    assert totals(world).classes_held == 1


def test_helpers_added_without_a_timestamp_are_counted_for_this_years_classes(world, trainer):
    from tests.factories import ClassSessionFactory

    this_year = ClassSessionFactory(starts_at=timezone.now() - dt.timedelta(hours=3), capacity=4)
    refresh_figures()
    assert ClassFact.objects.get(session_id=this_year.pk).helpers == 0
    this_year.helpers.add(trainer)  # a many-to-many add bumps no updated_at
    refresh_figures()
    assert ClassFact.objects.get(session_id=this_year.pk).helpers == 1


def test_an_incremental_refresh_ends_where_a_full_rebuild_does(world):
    cancel_registration(world.registrations["A-r3"], reason="都合", by=UserFactory())
    mark(world.registrations["B-r7"], AttendanceMark.Attendance.LATE, minutes=20)
    refresh_figures()
    incremental = facts()
    refresh_figures(full=True)
    assert facts() == incremental


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_refreshes_at_once_take_turns_and_count_each_registration_once(world):
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            refresh_figures(full=True)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert RegistrationFact.objects.count() == 10
    assert totals(world).people_reached == 4


def test_the_refresh_command_says_what_it_did(world):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("refresh_figures", "--full", stdout=out)
    assert "Full refresh: 3 classes, 10 registrations rewritten, 0 removed" in out.getvalue()
