"""Reminders and follow-ups: when they are due, and that each goes out once."""

import io

import pytest
from django.core.management import call_command

from messaging.models import Message, Purpose
from messaging.services import planning
from tests.factories import ClassSessionFactory, RegistrationFactory, ResidentFactory
from tests.messaging.conftest import jst, reported

pytestmark = pytest.mark.django_db

CLASS_START = jst(2030, 5, 20, 13, 30)  # a Monday afternoon


@pytest.fixture
def registration(clock):
    clock.set(jst(2030, 5, 10, 9, 0))
    session = ClassSessionFactory(starts_at=CLASS_START)
    return RegistrationFactory(
        session=session,
        resident=ResidentFactory(phone="+819055556666"),
        status_changed_at=jst(2030, 5, 10, 9, 0),
    )


def _run(now) -> str:
    out = io.StringIO()
    call_command("send_due_reminders", "--now", now, stdout=out)
    return out.getvalue()


def test_reminders_go_two_days_before_at_ten_and_on_the_morning(registration):
    assert planning.plan_due_messages(jst(2030, 5, 18, 9, 59)) == 0
    assert planning.plan_due_messages(jst(2030, 5, 18, 10, 0)) == 1
    assert planning.plan_due_messages(jst(2030, 5, 20, 8, 0)) == 1
    occasions = sorted(Message.objects.values_list("occasion", flat=True))
    assert occasions == ["0@08:00/2030-05-20", "2@10:00/2030-05-20"]


def test_send_due_reminders_sends_the_morning_reminder_once(registration):
    output = _run("2030-05-20T08:05+09:00")
    assert reported(output, "sent") == 1
    message = Message.objects.get(purpose=Purpose.REMINDER)
    assert message.status == Message.Status.SENT
    assert message.occasion == "0@08:00/2030-05-20"  # not the stale one from two days before
    assert "午後1時30分" in message.body
    second = _run("2030-05-20T08:10+09:00")
    assert reported(second, "sent") == 0
    assert Message.objects.filter(purpose=Purpose.REMINDER).count() == 1


def test_send_due_reminders_waits_in_the_quiet_hours(registration):
    output = _run("2030-05-20T07:30+09:00")
    assert "Quiet hours" in output
    assert not Message.objects.filter(status=Message.Status.SENT).exists()


def test_no_reminder_that_was_due_before_the_place_was_confirmed(registration):
    registration.status_changed_at = jst(2030, 5, 19, 15, 0)
    registration.save(update_fields=["status_changed_at"])
    assert planning.plan_due_messages(jst(2030, 5, 19, 16, 0)) == 0
    assert planning.plan_due_messages(jst(2030, 5, 20, 8, 0)) == 1


def test_waitlisted_and_cancelled_registrations_get_no_reminder(registration):
    registration.status = "waitlisted"
    registration.save(update_fields=["status"])
    assert planning.plan_due_messages(jst(2030, 5, 20, 8, 0)) == 0


def test_the_reminder_schedule_is_configurable(registration, settings):
    settings.REMINDER_SCHEDULE = [(1, "18:00")]
    assert planning.plan_due_messages(jst(2030, 5, 19, 18, 0)) == 1
    assert Message.objects.get().occasion == "1@18:00/2030-05-20"


def test_a_follow_up_links_to_the_help_articles_of_the_topic(registration, settings):
    settings.PUBLIC_BASE_URL = "https://tsunagu.example.jp"
    after = registration.session.ends_at
    assert planning.plan_due_messages(after) == 0
    planning.plan_due_messages(jst(2030, 5, 20, 19, 0))
    message = Message.objects.get(purpose=Purpose.FOLLOW_UP)
    topic = registration.session.topic.slug
    assert f"https://tsunagu.example.jp/help/topic/{topic}/" in message.body
    assert planning.plan_due_messages(jst(2030, 5, 20, 19, 30)) == 0


def test_follow_ups_are_not_read_aloud_to_landlines(registration):
    registration.resident.phone = registration.phone = "+81427001234"
    registration.resident.save(update_fields=["phone"])
    registration.save(update_fields=["phone"])
    planning.plan_due_messages(jst(2030, 5, 20, 19, 0))
    assert not Message.objects.filter(purpose=Purpose.FOLLOW_UP).exists()


def test_a_bad_now_is_a_clear_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ISO 8601"):
        call_command("send_due_reminders", "--now", "tomorrow")


def test_send_due_reminders_also_plans_a_confirmation_whose_task_never_ran(clock):
    session = ClassSessionFactory(starts_at=CLASS_START)
    RegistrationFactory(
        session=session,
        resident=ResidentFactory(phone="+819077778888"),
        status_changed_at=jst(2030, 5, 15, 9, 50),
    )
    output = _run("2030-05-15T10:00+09:00")
    assert "1 registration message(s) planned" in output
    assert reported(output, "sent") == 1
    assert Message.objects.get().purpose == Purpose.CONFIRMATION
    assert "registration message" not in _run("2030-05-15T10:05+09:00")


def test_the_morning_reminder_says_today_not_the_date(registration):
    planning.plan_due_messages(jst(2030, 5, 20, 8, 0))
    body = Message.objects.get(purpose=Purpose.REMINDER).body
    assert "スマホ教室は 今日 午後1時30分から" in body
    assert "5月20日" not in body


def test_the_reminder_two_days_before_keeps_the_date(registration):
    planning.plan_due_messages(jst(2030, 5, 18, 10, 0))
    body = Message.objects.get(purpose=Purpose.REMINDER).body
    assert "5月20日（月）" in body and "明日" not in body and "今日" not in body


def test_a_reminder_the_day_before_says_tomorrow(registration, settings):
    settings.REMINDER_SCHEDULE = [(1, "18:00")]
    planning.plan_due_messages(jst(2030, 5, 19, 18, 0))
    assert "スマホ教室は 明日 午後1時30分から" in Message.objects.get().body


def test_tomorrow_is_counted_in_japan_time(clock, settings):
    """09:00 on the 20th in Tokyo is still the 19th in UTC: the day before is the 19th."""
    settings.REMINDER_SCHEDULE = [(1, "08:30")]
    clock.set(jst(2030, 5, 10, 9, 0))
    RegistrationFactory(
        session=ClassSessionFactory(starts_at=jst(2030, 5, 20, 9, 0)),
        resident=ResidentFactory(phone="+819055557777"),
        status_changed_at=jst(2030, 5, 10, 9, 0),
    )
    planning.plan_due_messages(jst(2030, 5, 19, 8, 30))
    assert "明日 午前9時から" in Message.objects.get().body


def test_a_voice_reminder_says_today_too(registration):
    registration.resident.phone = registration.phone = "+81427001234"
    registration.resident.save(update_fields=["phone"])
    registration.save(update_fields=["phone"])
    planning.plan_due_messages(jst(2030, 5, 20, 8, 0))
    message = Message.objects.get(purpose=Purpose.REMINDER)
    assert message.channel == "voice"
    assert "教室は、今日、午後1時30分から" in message.body


def test_english_reminders_say_today_too(registration):
    registration.language = "en"
    registration.save(update_fields=["language"])
    planning.plan_due_messages(jst(2030, 5, 20, 8, 0))
    body = Message.objects.get(purpose=Purpose.REMINDER).body
    assert "your smartphone class is today at 13:30" in body
    assert "20 May" not in body


@pytest.mark.parametrize("language", ["ja", "en", "pt-br"])
def test_a_tomorrow_reminder_delayed_into_the_class_day_is_not_sent(
    registration, settings, language
):
    registration.language = language
    registration.save(update_fields=["language"])
    settings.REMINDER_SCHEDULE = [(1, "18:00")]
    planning.plan_due_messages(jst(2030, 5, 19, 18, 0))
    output = _run("2030-05-20T08:05+09:00")
    assert reported(output, "sent") == 0 and reported(output, "skipped") == 1
    message = Message.objects.get()
    assert message.status == Message.Status.SKIPPED
    assert message.error_message == "お知らせの日が過ぎました"


def test_a_tomorrow_reminder_is_sent_on_its_own_day(registration, settings):
    settings.REMINDER_SCHEDULE = [(1, "18:00")]
    output = _run("2030-05-19T18:05+09:00")
    assert reported(output, "sent") == 1
    assert Message.objects.get().status == Message.Status.SENT
