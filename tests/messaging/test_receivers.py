"""What outreach's changes send, through the real registration services."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks import task_backends

from messaging.models import Message, Purpose
from messaging.receivers import on_registration_changed
from messaging.services import delivery
from messaging.services.planning import plan_missed_registration_messages
from messaging.tasks import plan_registration_message_task
from outreach.services import cancel_class, cancel_registration, register
from tests.factories import ClassSessionFactory, consent
from tests.messaging.conftest import jst

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(clock):
    return ClassSessionFactory(starts_at=jst(2031, 6, 2, 10, 0), capacity=1)


def _register(session, phone, capture):
    with capture(execute=True):
        return register(
            session,
            name="相模 花",
            name_kana="さがみ はな",
            phone=phone,
            channel="web",
            consent=consent(),
        )


def test_registering_on_the_web_puts_a_confirmation_in_the_outbox(
    session, django_capture_on_commit_callbacks
):
    _register(session, "090-1111-2222", django_capture_on_commit_callbacks)
    message = Message.objects.get()
    assert message.purpose == Purpose.CONFIRMATION and message.status == Message.Status.SENT
    assert message.to == "+819011112222" and message.channel == "sms"


def test_every_registration_message_carries_the_residents_own_manage_page(
    session, django_capture_on_commit_callbacks, client, settings
):
    """A resident whose browser never showed the answer still finds their place and can cancel."""
    settings.PUBLIC_BASE_URL = "https://tsunagu.example.jp"
    first = _register(session, "090-1111-2222", django_capture_on_commit_callbacks)
    second = _register(session, "090-3333-4444", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(first, reason="都合")
    second.refresh_from_db()
    link = f"https://tsunagu.example.jp/r/{second.manage_token}/"
    bodies = {m.purpose: m.body for m in Message.objects.filter(registration__in=[first, second])}
    assert f"https://tsunagu.example.jp/r/{first.manage_token}/" in bodies[Purpose.CONFIRMATION]
    assert link in bodies[Purpose.WAITLISTED] and link in bodies[Purpose.PROMOTION]
    page = client.get(link.removeprefix(settings.PUBLIC_BASE_URL))
    assert page.status_code == 200 and "相模 花" in page.content.decode()


def test_an_english_registration_message_links_the_english_manage_page(
    session, django_capture_on_commit_callbacks, settings
):
    settings.PUBLIC_BASE_URL = "https://tsunagu.example.jp"
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(
            session,
            name="Maria Santos",
            name_kana="",
            phone="090-1111-2222",
            channel="web",
            language="en",
            consent=consent(),
        )
    body = Message.objects.get(registration=registration).body
    assert f"https://tsunagu.example.jp/en/r/{registration.manage_token}/" in body


def test_waitlisted_then_promoted_gets_two_messages(session, django_capture_on_commit_callbacks):
    first = _register(session, "090-1111-2222", django_capture_on_commit_callbacks)
    second = _register(session, "090-3333-4444", django_capture_on_commit_callbacks)
    assert second.status == "waitlisted"
    waiting = Message.objects.get(registration=second)
    assert waiting.purpose == Purpose.WAITLISTED and "1番目" in waiting.body
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(first, reason="都合")
    assert Message.objects.filter(registration=second, purpose=Purpose.PROMOTION).count() == 1


def test_a_cancelled_class_tells_everyone_who_held_a_place(
    session, django_capture_on_commit_callbacks
):
    _register(session, "090-1111-2222", django_capture_on_commit_callbacks)
    _register(session, "03-1234-5678", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_class(session, reason="台風")
    notices = Message.objects.filter(purpose=Purpose.CLASS_CANCELLED)
    assert sorted(notices.values_list("channel", flat=True)) == ["sms", "voice"]
    assert all(m.status == Message.Status.SENT for m in notices)


def test_a_replayed_signal_sends_nothing_twice(session, django_capture_on_commit_callbacks):
    registration = _register(session, "090-1111-2222", django_capture_on_commit_callbacks)
    on_registration_changed(None, registration=registration, event="confirmed")
    delivery.deliver_due_messages()
    assert Message.objects.count() == 1


def test_registering_only_enqueues_one_planning_task_carrying_the_registration_id(
    session, settings, django_capture_on_commit_callbacks
):
    """The request does not render or store the message: the worker does, once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    registration = _register(session, "090-1111-2222", django_capture_on_commit_callbacks)
    assert Message.objects.count() == 0
    assert [(r.task.name, r.args) for r in backend.results] == [
        ("plan_registration_message_task", [registration.pk, "confirmed"])
    ]
    # What the worker then does, twice (a retried task), leaves one message.
    plan_registration_message_task.call(registration.pk, "confirmed")
    plan_registration_message_task.call(registration.pk, "confirmed")
    assert (
        Message.objects.filter(registration=registration, purpose=Purpose.CONFIRMATION).count() == 1
    )


def test_a_waitlisted_registration_is_told_its_place_counted_when_it_was_made(
    session, django_capture_on_commit_callbacks
):
    _register(session, "090-1111-2222", django_capture_on_commit_callbacks)
    second = _register(session, "090-3333-4444", django_capture_on_commit_callbacks)
    third = _register(session, "090-5555-6666", django_capture_on_commit_callbacks)
    assert (second.arrival_position, third.arrival_position) == (1, 2)
    assert "2番目" in Message.objects.get(registration=third, purpose=Purpose.WAITLISTED).body


# --- a registration whose own task never ran -------------------------------------------


def _register_without_its_task(session, phone):
    """As if the web process died after the commit, before enqueueing the task."""
    return register(
        session,
        name="相模 花",
        name_kana="さがみ はな",
        phone=phone,
        channel="web",
        consent=consent(),
    )


def _after(minutes):
    return timezone.now() + dt.timedelta(minutes=minutes)


def test_a_confirmation_whose_task_never_ran_is_planned_by_the_tick_once(session):
    registration = _register_without_its_task(session, "090-1111-2222")
    assert not Message.objects.exists()
    # Left to its own task for the first two minutes.
    assert plan_missed_registration_messages(_after(1)) == 0

    assert plan_missed_registration_messages(_after(3)) == 1
    assert plan_missed_registration_messages(_after(4)) == 0
    message = Message.objects.get()
    assert (message.registration, message.purpose) == (registration, Purpose.CONFIRMATION)


def test_missed_waiting_list_and_promotion_messages_get_their_own_purpose(
    session, django_capture_on_commit_callbacks
):
    first = _register(session, "090-1111-2222", django_capture_on_commit_callbacks)
    second = _register_without_its_task(session, "090-3333-4444")
    assert plan_missed_registration_messages(_after(3)) == 1
    waiting = Message.objects.get(registration=second)
    assert waiting.purpose == Purpose.WAITLISTED and "1番目" in waiting.body

    cancel_registration(first, reason="都合")  # the promotion's task is lost too
    second.refresh_from_db()
    assert second.status == "confirmed" and second.promoted_at is not None
    assert plan_missed_registration_messages(_after(3)) == 1
    purposes = set(Message.objects.filter(registration=second).values_list("purpose", flat=True))
    assert purposes == {Purpose.WAITLISTED, Purpose.PROMOTION}
    assert plan_missed_registration_messages(_after(4)) == 0


def test_registrations_already_messaged_or_too_old_are_left_alone(
    session, django_capture_on_commit_callbacks
):
    _register(session, "090-1111-2222", django_capture_on_commit_callbacks)
    assert Message.objects.count() == 1
    assert plan_missed_registration_messages(_after(3)) == 0
    _register_without_its_task(session, "090-3333-4444")
    # Six hours on, a registration without its message is history, not news.
    assert plan_missed_registration_messages(_after(6 * 60 + 1)) == 0
    assert Message.objects.count() == 1


# --- whose name and language a message uses ---------------------------------------------


def test_messages_use_the_name_and_language_given_for_the_registration_not_the_residents(
    session, django_capture_on_commit_callbacks
):
    from tests.factories import ResidentFactory

    ResidentFactory(name="城山 トメ", phone="+819011112222", language="ja")
    with django_capture_on_commit_callbacks(execute=True):
        register(
            session,
            name="Maria Santos",
            name_kana="",
            phone="090-1111-2222",
            channel="web",
            language="en",
            consent=consent(),
        )
    message = Message.objects.get()
    assert message.language == "en"
    assert message.body.startswith("Maria Santos, ") and "城山" not in message.body


def test_a_voice_registration_whose_name_is_unconfirmed_is_texted_without_a_name(
    session, django_capture_on_commit_callbacks
):
    from outreach.names import UNCONFIRMED_NAME

    with django_capture_on_commit_callbacks(execute=True):
        register(
            session,
            name="",
            name_kana="",
            phone="090-1111-2222",  # a mobile: the confirmation still goes by SMS
            channel="voice",
            consent=consent("voice_keypad"),
            name_confirmed=False,
        )
    body = Message.objects.get(purpose=Purpose.CONFIRMATION).body
    assert body.startswith("スマホ教室の 申し込みを 受けつけました。")
    assert UNCONFIRMED_NAME not in body and "さん" not in body.split("。")[0]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{name}さん 席が あきました。", "席が あきました。"),
        ("こちらは 窓口です。{name}さん、{date}です。", "こちらは 窓口です。6月2日です。"),
        ("{name}, you are registered on {date}.", "You are registered on 6月2日."),
        (
            "This is the desk. {name}, your class is on {date}.",
            "This is the desk. Your class is on 6月2日.",
        ),
    ],
)
def test_a_text_for_someone_whose_name_is_not_known_drops_the_salutation(body, expected):
    from messaging.texts import fill

    assert fill(body, {"name": "", "date": "6月2日"}) == expected
    assert fill(body, {"name": "花子", "date": "6月2日"}).count("花子") == 1
