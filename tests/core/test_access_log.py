"""Every view, print and export of personal data is in an append-only access log."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone

from core import access_log
from core.models import AccessEvent, AppendOnly
from tests.factories import ClassSessionFactory, RegistrationFactory, ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, coordinator_with_totp):
    client.force_login(coordinator_with_totp)
    return client


def test_a_coordinator_opening_a_roster_appears_in_the_log(desk, coordinator_with_totp):
    session = ClassSessionFactory()
    RegistrationFactory(session=session)
    response = desk.get(reverse("outreach:desk-roster", args=[session.pk]), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    event = AccessEvent.objects.get(what="roster")
    assert (event.actor, event.object_type, event.object_id, event.ip) == (
        coordinator_with_totp,
        "outreach.classsession",
        str(session.pk),
        "10.1.2.3",
    )
    assert event.detail == {"full_phone": True, "people": 1}
    assert event.path == f"/desk/classes/{session.pk}/"
    assert timezone.now() - event.created_at < dt.timedelta(minutes=1)


@pytest.mark.parametrize(
    ("url_name", "args", "what"),
    [
        ("outreach:desk-roster-print", "session", "roster_print"),
        ("outreach:desk-callbacks", None, "callbacks"),
        ("outreach:desk-resident", "resident", "resident"),
        ("outreach:desk-resident-record", "resident", "resident_record"),
        ("messaging_desk:outbox", None, "outbox"),
        ("messaging_desk:inbox", None, "inbox"),
        ("messaging_desk:optouts", None, "optouts"),
        ("outreach:trainer-class-attendance", "session", "attendance_history"),
    ],
)
def test_each_page_of_personal_data_is_logged(desk, url_name, args, what):
    registration = RegistrationFactory()
    target = {"session": registration.session_id, "resident": registration.resident_id}.get(args)
    response = desk.get(reverse(url_name, args=[target] if target else []))
    assert response.status_code == 200
    assert AccessEvent.objects.filter(what=what).count() == 1


def test_a_phone_lookup_logs_the_ids_found_and_never_the_number_typed(desk):
    resident = ResidentFactory(phone="+819012345678")
    desk.get(reverse("outreach:desk-phone"), {"q": "090-1234-5678"})
    event = AccessEvent.objects.get(what="phone_lookup")
    assert event.detail == {"found": [resident.pk]}
    assert "5678" not in str(event.detail)


def test_a_trainer_reading_their_roster_and_the_api_is_logged(client, trainer):
    session = ClassSessionFactory(
        lead_trainer=trainer, starts_at=timezone.now() + dt.timedelta(hours=2)
    )
    RegistrationFactory(session=session)
    client.force_login(trainer)
    assert client.get(reverse("outreach:trainer-class", args=[session.pk])).status_code == 200
    assert client.get(reverse("outreach:desk-roster-print", args=[session.pk])).status_code == 200
    assert client.get("/api/v1/attendance/today").status_code == 200
    whats = sorted(AccessEvent.objects.filter(actor=trainer).values_list("what", flat=True))
    assert whats == ["api_attendance_today", "roster_print", "trainer_roster"]
    print_line = AccessEvent.objects.get(what="roster_print")
    assert print_line.detail["full_phone"] is False


def test_a_refused_page_writes_no_line(client, trainer):
    client.force_login(trainer)
    assert client.get(reverse("messaging_desk:outbox")).status_code == 403
    assert not AccessEvent.objects.exists()


def test_the_app_refuses_to_change_or_delete_a_line(rf, coordinator):
    request = rf.get("/desk/")
    request.user = coordinator
    event = access_log.record(request, "outbox")
    event.what = "inbox"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AccessEvent.objects.filter(pk=event.pk).update(what="inbox")
    with pytest.raises(AppendOnly):
        AccessEvent.objects.all().delete()
    assert AccessEvent.objects.get(pk=event.pk).what == "outbox"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_an_update_or_delete_through_raw_sql(rf, coordinator):
    request = rf.get("/desk/")
    request.user = coordinator
    event = access_log.record(request, "outbox")
    for sql in (
        "UPDATE core_accessevent SET what = 'inbox' WHERE id = %s",
        "DELETE FROM core_accessevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [event.pk])
    assert AccessEvent.objects.get(pk=event.pk).what == "outbox"


def _lines(coordinator, trainer, n):
    for i in range(n):
        AccessEvent.objects.create(
            actor=coordinator if i % 2 else trainer, what="roster" if i % 3 else "outbox"
        )


def test_the_log_page_filters_by_who_what_and_dates(desk, coordinator_with_totp, trainer):
    _lines(coordinator_with_totp, trainer, 6)  # the trainer's: roster, roster, outbox (i=0)
    AccessEvent.objects.create(actor=trainer, what="inbox")
    AccessEvent.objects.create(
        actor=trainer, what="inbox", created_at=timezone.now() - dt.timedelta(days=40)
    )
    url = reverse("core:access-log")
    page = desk.get(url, {"actor": trainer.pk, "what": "outbox"})
    assert page.status_code == 200
    assert [e.what for e in page.context["page"].object_list] == ["outbox"]
    assert len(desk.get(url, {"actor": trainer.pk}).context["page"].object_list) == 5
    since = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    recent = desk.get(url, {"what": "inbox", "since": since})
    assert len(recent.context["page"].object_list) == 1


def test_bad_filters_get_a_polite_message_not_an_error(desk):
    url = reverse("core:access-log")
    response = desk.get(url, {"since": "2026-13-40", "what": "nonsense"})
    assert response.status_code == 200
    assert "入力に直すところがあります" in response.content.decode()
    response = desk.get(url, {"since": "2026-05-02", "until": "2026-05-01"})
    assert "より前の日にしてください" in response.content.decode()


def test_the_csv_has_a_bom_and_every_line_that_matches(desk, coordinator_with_totp, trainer):
    _lines(coordinator_with_totp, trainer, 5)
    response = desk.get(reverse("core:access-log"), {"actor": trainer.pk, "format": "csv"})
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 3  # header and the trainer's three lines
    assert all(trainer.email in line for line in lines[1:])
    assert AccessEvent.objects.filter(what="access_log", detail__format="csv").count() == 1


def test_the_log_pages_query_count_does_not_grow_with_lines(
    desk, coordinator_with_totp, trainer, django_assert_max_num_queries
):
    """Guards the N+1 of each line's account (select_related) and of the kinds' labels."""
    url = reverse("core:access-log")
    _lines(coordinator_with_totp, trainer, 3)
    with django_assert_max_num_queries(12) as few:
        desk.get(url)
    _lines(coordinator_with_totp, trainer, 60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        desk.get(url)
    with django_assert_max_num_queries(len(few.captured_queries)):
        desk.get(url, {"page": 2})


def test_only_coordinators_read_the_log(client, trainer):
    client.force_login(trainer)
    assert client.get(reverse("core:access-log")).status_code == 403
