"""Email to staff: what each says, its calendar invitation, and each sent exactly once."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from icalendar import Calendar

from tests.factories import (
    CourseFactory,
    CourseSessionFactory,
    DepartmentFactory,
    EnrolmentFactory,
    RequirementFactory,
    UserFactory,
)
from tests.training import mail_backends
from training import calendar, services
from training.emails import delivery, reminders
from training.emails.outbox import announce
from training.models import EmailLog, Enrolment
from training.tasks import deliver_training_emails, next_morning

pytestmark = pytest.mark.django_db
Kind = EmailLog.Kind


def _invitation(message):
    """(METHOD, the VEVENT) of the attached invitation, or None."""
    parts = [p for p in message.attachments if getattr(p, "get_content_type", None)]
    calendars = [p for p in parts if p.get_content_type() == "text/calendar"]
    if not calendars:
        return None
    [part] = calendars
    assert part.get_filename() == "invite.ics"
    cal = Calendar.from_ical(part.get_payload(decode=True))
    assert str(cal["METHOD"]) == part.get_param("method")
    return str(cal["METHOD"]), next(iter(cal.walk("VEVENT")))


def _download_event(session):
    return next(iter(Calendar.from_ical(calendar.session_calendar(session)).walk("VEVENT")))


def _deliver():
    report = delivery.deliver_due_emails()
    return report, list(mail.outbox)


@pytest.fixture
def session():
    course = CourseFactory(
        title="生成AIの使い方（市のガイドライン）", title_en="Using generative AI"
    )
    return CourseSessionFactory(course=course, capacity=1, room="本庁舎 第1会議室")


def test_the_confirmation_is_japanese_then_english_with_an_invitation_request(
    session, staff_learner, settings
):
    settings.TRAINING_ORGANIZER_EMAIL = "kensyu@city.example.jp"
    services.enrol(staff_learner, session)

    report, [message] = _deliver()

    assert report.sent == 1
    assert message.to == [staff_learner.email]
    assert message.subject.startswith(
        "【つなぐ】受講が確定しました：生成AIの使い方（市のガイドライン） / "
    )
    assert "Using generative AI" in message.subject
    japanese, english = message.body.split("(English)")
    assert "城山 健 様" in japanese and "本庁舎 第1会議室" in japanese
    assert "confirmed" in english and "Using generative AI" in english
    method, event = _invitation(message)
    download = _download_event(session)
    assert method == "REQUEST"
    assert (event["UID"], event["SEQUENCE"]) == (download["UID"], download["SEQUENCE"])
    assert str(event["ORGANIZER"]) == "mailto:kensyu@city.example.jp"
    assert str(event["ATTENDEE"]) == f"mailto:{staff_learner.email}"
    assert event["STATUS"] == "CONFIRMED"
    assert 'method="REQUEST"' in message.message().as_string()


def test_the_waiting_list_notice_says_the_place_and_has_no_invitation(session, staff_learner):
    services.enrol(UserFactory(), session)
    services.enrol(UserFactory(), session)
    services.enrol(staff_learner, session)

    _report, messages = _deliver()

    [message] = [m for m in messages if m.to == [staff_learner.email]]
    assert "キャンセル待ち（2番目）" in message.subject
    assert "2番目" in message.body
    assert _invitation(message) is None


def test_a_promotion_carries_the_invitation(session, staff_learner, other_learner):
    seat = services.enrol(other_learner, session)
    services.enrol(staff_learner, session)
    _deliver()
    mail.outbox.clear()

    services.cancel_enrolment(seat, by=other_learner)
    _report, messages = _deliver()

    promoted = next(m for m in messages if m.to == [staff_learner.email])
    assert promoted.subject.startswith("【つなぐ】キャンセル待ちから受講が確定しました")
    assert _invitation(promoted)[0] == "REQUEST"
    own = next(m for m in messages if m.to == [other_learner.email])
    method, event = _invitation(own)
    assert (method, event["STATUS"]) == ("CANCEL", "CANCELLED")


def test_a_cancelled_session_sends_cancel_with_the_same_uid_and_the_raised_sequence(
    session, staff_learner, other_learner, coordinator
):
    services.enrol(staff_learner, session)
    services.enrol(other_learner, session)
    _deliver()
    mail.outbox.clear()

    services.cancel_session(session, by=coordinator, reason="大雪のため")
    _report, messages = _deliver()

    seat = next(m for m in messages if m.to == [staff_learner.email])
    waiting = next(m for m in messages if m.to == [other_learner.email])
    assert "大雪のため" in seat.body and "大雪のため" in waiting.body
    method, event = _invitation(seat)
    download = _download_event(session)
    assert method == "CANCEL"
    assert event["UID"] == download["UID"]
    assert event["SEQUENCE"] == download["SEQUENCE"] == 1
    assert event["STATUS"] == download["STATUS"] == "CANCELLED"
    assert _invitation(waiting) is None  # never had the event in their calendar


def test_a_moved_session_sends_the_updated_invitation(session, staff_learner, coordinator):
    services.enrol(staff_learner, session)
    _deliver()
    mail.outbox.clear()
    later = session.starts_at + dt.timedelta(days=1)

    services.update_session(
        session, by=coordinator, starts_at=later, ends_at=later + dt.timedelta(hours=1)
    )
    _report, [message] = _deliver()

    method, event = _invitation(message)
    assert method == "REQUEST"
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == later


def test_each_email_goes_once_however_often_the_task_runs(
    session, staff_learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrol(staff_learner, session)
    assert len(mail.outbox) == 1  # the immediate backend ran the task on commit

    deliver_training_emails.enqueue()
    deliver_training_emails.enqueue()
    announce(Kind.CONFIRMED, [enrolment])  # a second write of the same email is a no-op

    assert len(mail.outbox) == 1
    assert EmailLog.objects.get().status == EmailLog.Status.SENT


def test_news_that_is_no_longer_true_is_not_sent(session, staff_learner):
    enrolment = services.enrol(staff_learner, session)
    services.cancel_enrolment(enrolment, by=staff_learner)

    report, [message] = _deliver()

    assert (report.sent, report.skipped) == (1, 1)
    assert message.subject.startswith("【つなぐ】受講申込が取り消されました")
    assert EmailLog.objects.get(kind=Kind.CONFIRMED).status == EmailLog.Status.SKIPPED


def test_a_server_that_drops_the_line_is_tried_again_later(session, staff_learner, settings):
    settings.EMAIL_BACKEND = "tests.training.mail_backends.FlakyBackend"
    mail_backends.FlakyBackend.failures = [mail_backends.disconnected()]
    services.enrol(staff_learner, session)

    first = delivery.deliver_due_emails()
    row = EmailLog.objects.get()
    assert (first.retrying, row.status, row.attempts) == (1, EmailLog.Status.PENDING, 1)
    assert row.next_attempt_at > timezone.now()
    assert delivery.next_due_at() == row.next_attempt_at
    assert delivery.deliver_due_emails().handled == 0  # not yet due

    later = delivery.deliver_due_emails(row.next_attempt_at + dt.timedelta(seconds=1))
    row.refresh_from_db()
    assert (later.sent, row.status, row.attempts, len(mail.outbox)) == (1, "sent", 2, 1)


def test_a_refused_address_fails_at_once_and_is_not_retried(session, staff_learner, settings):
    settings.EMAIL_BACKEND = "tests.training.mail_backends.FlakyBackend"
    mail_backends.FlakyBackend.failures = [mail_backends.refused(staff_learner.email)]
    services.enrol(staff_learner, session)

    report = delivery.deliver_due_emails()

    row = EmailLog.objects.get()
    assert (report.failed, row.status) == (1, EmailLog.Status.FAILED)
    assert "SMTPRecipientsRefused" in row.last_error
    assert delivery.next_due_at() is None


def test_an_email_claimed_by_another_worker_waits_until_that_claim_runs_out(session, staff_learner):
    services.enrol(staff_learner, session)
    now = timezone.now()
    [claimed] = delivery.claim_batch(now)  # another worker, which then dies

    assert delivery.deliver_due_emails(now).handled == 0
    assert mail.outbox == []

    after = claimed.claimed_until + dt.timedelta(seconds=1)
    assert delivery.deliver_due_emails(after).sent == 1
    assert EmailLog.objects.get().attempts == 2


# --- the due-date reminder --------------------------------------------------------------


@pytest.fixture
def due_soon():
    """A requirement due in ten days, and four members of one department."""
    department = DepartmentFactory(code="citizens", name="市民課")
    requirement = RequirementFactory(
        due_date=timezone.localdate() + dt.timedelta(days=10),
        audience="department",
        department=department,
    )
    people = {
        name: UserFactory(department=department, display_name=name)
        for name in ("not yet", "enrolled", "done")
    }
    EnrolmentFactory(
        learner=people["enrolled"], session=CourseSessionFactory(course=requirement.course)
    )
    EnrolmentFactory(
        learner=people["done"],
        session=CourseSessionFactory(course=requirement.course),
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.now(),
    )
    UserFactory(department=DepartmentFactory(code="tax"))  # not theirs
    return requirement, people


def test_the_reminder_goes_once_to_each_person_who_has_not_done_it(due_soon):
    requirement, people = due_soon

    assert reminders.plan_due_date_reminders() == 2
    assert reminders.plan_due_date_reminders() == 0

    report, messages = _deliver()
    assert report.sent == 2
    assert sorted(m.to[0] for m in messages) == sorted(
        [people["not yet"].email, people["enrolled"].email]
    )
    enrolled = next(m for m in messages if m.to == [people["enrolled"].email])
    assert "申込済み" in enrolled.body
    assert requirement.course.title in enrolled.subject
    assert reminders.plan_due_date_reminders() == 0


def test_the_reminder_waits_for_the_window_and_stops_at_the_due_date(due_soon):
    requirement, _people = due_soon
    due = requirement.due_date

    assert reminders.plan_due_date_reminders(due - dt.timedelta(days=15)) == 0
    assert reminders.plan_due_date_reminders(due + dt.timedelta(days=1)) == 0
    assert reminders.plan_due_date_reminders(due - dt.timedelta(days=14)) == 2


def test_someone_who_completes_before_the_reminder_goes_out_is_skipped(due_soon):
    requirement, people = due_soon
    reminders.plan_due_date_reminders()
    EnrolmentFactory(
        learner=people["not yet"],
        session=CourseSessionFactory(course=requirement.course),
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.now(),
    )

    report, [message] = _deliver()

    assert (report.sent, report.skipped) == (1, 1)
    assert message.to == [people["enrolled"].email]


def test_the_command_for_cron_plans_and_sends_and_says_how_many(due_soon, capsys):
    call_command("send_training_emails")

    out = capsys.readouterr().out
    assert "2 due-date reminder(s) queued" in out
    assert "sent 2, skipped 0, retrying 0, failed 0" in out
    call_command("send_training_emails")
    assert "0 due-date reminder(s) queued" in capsys.readouterr().out


def test_the_command_refuses_a_day_that_is_not_a_date():
    with pytest.raises(CommandError, match="a date like 2026-09-16, not '2026-13-01'"):
        call_command("send_training_emails", "--today", "2026-13-01")


def test_the_daily_check_runs_at_eight_in_the_morning_japan_time():
    tokyo = timezone.get_current_timezone()
    assert next_morning(dt.datetime(2026, 9, 1, 7, 59, tzinfo=tokyo)) == dt.datetime(
        2026, 9, 1, 8, 0, tzinfo=tokyo
    )
    assert next_morning(dt.datetime(2026, 9, 1, 8, 0, tzinfo=tokyo)) == dt.datetime(
        2026, 9, 2, 8, 0, tzinfo=tokyo
    )


@pytest.mark.django_db(transaction=True)
def test_with_the_database_worker_the_email_goes_on_commit_and_the_daily_check_is_queued(
    settings, staff_learner
):
    from django_tasks_db.models import DBTaskResult

    from tests.conftest import ensure_migration_data

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ensure_migration_data()
    services.enrol(staff_learner, CourseSessionFactory())
    assert mail.outbox == []  # queued for the worker, not sent in the request

    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)

    assert [m.to for m in mail.outbox] == [[staff_learner.email]]
    waiting = DBTaskResult.objects.filter(status="READY")
    assert [(t.task_path, t.run_after) for t in waiting] == [
        ("training.tasks.training_daily_check", next_morning())
    ]
    call_command("send_training_emails")  # cron alongside: nothing doubled
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert len(mail.outbox) == 1
