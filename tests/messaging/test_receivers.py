"""What outreach's changes send, through the real registration services."""

import pytest

from messaging import services
from messaging.models import Message, Purpose
from outreach.services import cancel_class, cancel_registration, register
from tests.factories import ClassSessionFactory
from tests.messaging.conftest import jst

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(clock):
    return ClassSessionFactory(starts_at=jst(2031, 6, 2, 10, 0), capacity=1)


def _register(session, phone, capture):
    with capture(execute=True):
        return register(
            session, name="相模 花", name_kana="さがみ はな", phone=phone, channel="web"
        )


def test_registering_on_the_web_puts_a_confirmation_in_the_outbox(
    session, django_capture_on_commit_callbacks
):
    _register(session, "090-1111-2222", django_capture_on_commit_callbacks)
    message = Message.objects.get()
    assert message.purpose == Purpose.CONFIRMATION and message.status == Message.Status.SENT
    assert message.to == "+819011112222" and message.channel == "sms"


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
    from messaging.receivers import on_registration_changed

    registration = _register(session, "090-1111-2222", django_capture_on_commit_callbacks)
    on_registration_changed(None, registration=registration, event="confirmed")
    services.deliver_due_messages()
    assert Message.objects.count() == 1
