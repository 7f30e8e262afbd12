"""Sending through the backends: queueing, quiet hours, retries, opt-outs, the fake API."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from config.env import QuietHours
from messaging.backends import BaseBackend, SendResult
from messaging.models import Message, OptOut, Purpose
from messaging.schedule import backoff
from messaging.services import claims, delivery, optouts, planning
from tests.factories import ClassSessionFactory, RegistrationFactory, ResidentFactory
from tests.messaging.conftest import FROM_NUMBER, jst

pytestmark = pytest.mark.django_db


def _registration(phone="+819011112222", starts=None, **resident):
    session = ClassSessionFactory(starts_at=starts or jst(2030, 5, 20, 10, 0))
    resident = ResidentFactory(phone=phone, **resident)
    return RegistrationFactory(session=session, resident=resident)


def test_confirmation_is_queued_once_and_sent_to_the_outbox(clock):
    registration = _registration()
    first = planning.queue_message(registration, Purpose.CONFIRMATION)
    second = planning.queue_message(registration, Purpose.CONFIRMATION)
    assert first.pk == second.pk
    assert Message.objects.count() == 1
    report = delivery.deliver_due_messages()
    assert report.sent == 1
    message = Message.objects.get()
    assert message.status == Message.Status.SENT
    assert message.provider_id.startswith("outbox-")
    assert message.channel == "sms"
    assert "5月20日（月）" in message.body and "午前10時" in message.body


def test_english_speaking_resident_gets_english_text(clock):
    registration = _registration(language="en")
    message = planning.queue_message(registration, Purpose.CONFIRMATION)
    assert message.language == "en"
    assert message.body.startswith(registration.resident.name + ", you are registered")


def test_nothing_is_sent_in_the_quiet_hours_and_it_waits_for_eight(clock):
    clock.set(jst(2030, 5, 13, 21, 30))
    registration = _registration()
    message = planning.queue_message(registration, Purpose.CONFIRMATION)
    assert message.due_at == jst(2030, 5, 14, 8, 0)
    assert delivery.deliver_due_messages().quiet
    clock.set(jst(2030, 5, 14, 7, 59))
    assert delivery.deliver_due_messages().sent == 0
    clock.set(jst(2030, 5, 14, 8, 0))
    assert delivery.deliver_due_messages().sent == 1


def test_a_city_sets_its_own_quiet_hours_and_what_falls_in_them_waits_for_their_end(
    clock, settings
):
    settings.MESSAGE_QUIET_HOURS = QuietHours(dt.time(21, 0), dt.time(7, 30))
    clock.set(jst(2030, 5, 13, 20, 30))
    registration = _registration()
    evening = planning.queue_message(registration, Purpose.CONFIRMATION)
    assert evening.due_at == jst(2030, 5, 13, 20, 30)
    assert delivery.deliver_due_messages().sent == 1
    clock.set(jst(2030, 5, 13, 21, 0))
    night = planning.queue_message(registration, Purpose.CLASS_CANCELLED)
    assert night.due_at == jst(2030, 5, 14, 7, 30)
    assert delivery.deliver_due_messages().quiet


def test_with_the_quiet_hours_off_a_message_due_at_night_goes_at_once(clock, settings):
    settings.MESSAGE_QUIET_HOURS = None
    clock.set(jst(2030, 5, 13, 23, 30))
    message = planning.queue_message(_registration(), Purpose.CONFIRMATION)
    assert message.due_at == jst(2030, 5, 13, 23, 30)
    report = delivery.deliver_due_messages()
    assert report.sent == 1 and not report.quiet


class _ClockMovingBackend(BaseBackend):
    """Accepts every message; after `sends` of them the clock shows `then`."""

    def __init__(self, clock, sends: int, then):
        self.clock, self.sends, self.then = clock, sends, then
        self.sent: list[str] = []

    def send(self, message):
        self.sent.append(message.to)
        if len(self.sent) == self.sends:
            self.clock.set(self.then)
        return SendResult(provider_id=f"SM{len(self.sent)}")


def test_a_run_that_starts_at_1959_stops_sending_when_the_quiet_hours_begin(
    clock, settings, queue_only, monkeypatch
):
    """The quiet hours are checked before every batch, not once per run: a long run
    that began at 19:59 would otherwise go on calling residents into the night."""
    settings.MESSAGING_BATCH_SIZE = 10
    clock.set(jst(2030, 5, 13, 19, 59, 30))
    session = ClassSessionFactory(starts_at=jst(2030, 5, 20, 10, 0))
    for i in range(25):
        registration = RegistrationFactory(
            session=session, resident=ResidentFactory(phone=f"+8190{5000_0000 + i:08d}")
        )
        planning.queue_message(registration, Purpose.CONFIRMATION)
    backend = _ClockMovingBackend(clock, sends=10, then=jst(2030, 5, 13, 20, 0))
    monkeypatch.setattr(delivery, "get_backend", lambda: backend)

    report = delivery.deliver_due_messages()

    assert report.quiet
    assert (report.sent, len(backend.sent)) == (10, 10)
    assert Message.objects.filter(status=Message.Status.SENT).count() == 10
    # The rest waits for 08:00 as it was: queued, unclaimed, no attempt counted.
    waiting = Message.objects.filter(status=Message.Status.QUEUED)
    assert waiting.count() == 15
    assert set(waiting.values_list("attempts", "claim_token")) == {(0, None)}
    clock.set(jst(2030, 5, 14, 8, 0))
    assert delivery.deliver_due_messages().sent == 15


def test_a_landline_gets_a_voice_call_instead_of_sms(clock, twilio_backend):
    registration = _registration(phone="+81427001234")
    planning.queue_message(registration, Purpose.REMINDER, occasion="x")
    delivery.deliver_due_messages()
    message = Message.objects.get()
    assert message.channel == "voice" and message.status == Message.Status.SENT
    (call,) = twilio_backend.posts()
    assert call["path"].endswith("/Calls.json")
    assert call["form"]["To"] == "+81427001234"
    assert call["form"]["From"] == FROM_NUMBER
    root = ET.fromstring(call["form"]["Twiml"])  # noqa: S314 (our own TwiML)
    gather = root.find("Gather")
    assert gather.get("numDigits") == "1"
    assert gather.get("action").endswith(f"/twilio/voice/answer/{message.uuid}/")
    spoken = [say.text for say in gather.findall("Say")]
    # The class, date, time and place are read twice, then 1 / 9.
    assert spoken.count(message.body) == 2
    assert "1を" in spoken[-1] and "9を" in spoken[-1]
    assert all(say.get("language") == "ja-JP" for say in root.iter("Say"))


def test_sms_goes_through_the_real_twilio_client_to_the_base_url(clock, twilio_backend):
    registration = _registration()
    planning.queue_message(registration, Purpose.CONFIRMATION)
    delivery.deliver_due_messages()
    (request,) = twilio_backend.posts()
    assert request["path"] == "/2010-04-01/Accounts/AC" + "0" * 32 + "/Messages.json"
    assert request["form"]["To"] == "+819011112222"
    assert request["form"]["StatusCallback"] == "http://127.0.0.1:8000/twilio/status/"
    message = Message.objects.get()
    assert message.provider_id == twilio_backend.messages[0]["sid"]
    assert message.status == Message.Status.SENT


def test_transient_errors_are_retried_with_back_off(clock, twilio_backend):
    registration = _registration()
    planning.queue_message(registration, Purpose.CONFIRMATION)
    twilio_backend.fail_next(429, code=20429)
    twilio_backend.fail_next(500)
    report = delivery.deliver_due_messages()
    assert report.retrying == 1
    message = Message.objects.get()
    assert message.status == Message.Status.QUEUED and message.error_code == "20429"
    assert message.due_at == clock.moment + backoff(1)
    # Not due again until the back-off has passed.
    assert delivery.deliver_due_messages().handled == 0
    clock.set(message.due_at)
    delivery.deliver_due_messages()
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED and message.attempts == 2
    clock.set(message.due_at)
    delivery.deliver_due_messages()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.attempts == 3
    # Exactly one message was accepted by the provider.
    assert len(twilio_backend.messages) == 1


def test_retries_stop_after_the_last_attempt(clock, twilio_backend, settings):
    settings.MESSAGING_MAX_ATTEMPTS = 2
    planning.queue_message(_registration(), Purpose.CONFIRMATION)
    twilio_backend.fail_next(503, times=5)
    delivery.deliver_due_messages()
    clock.set(Message.objects.get().due_at)
    delivery.deliver_due_messages()
    message = Message.objects.get()
    assert message.status == Message.Status.FAILED and message.attempts == 2


def test_permanent_errors_are_not_retried(clock, twilio_backend):
    registration = _registration()
    twilio_backend.fail_number("+819011112222", 400, code=21211)
    planning.queue_message(registration, Purpose.CONFIRMATION)
    report = delivery.deliver_due_messages()
    assert report.failed == 1
    message = Message.objects.get()
    assert message.status == Message.Status.FAILED and message.error_code == "21211"
    clock.set(jst(2030, 5, 14, 9, 0))
    assert delivery.deliver_due_messages().handled == 0
    assert len(twilio_backend.posts()) == 1


def test_unsubscribed_error_opts_the_number_out(clock, twilio_backend):
    twilio_backend.fail_number("+819011112222", 400, code=21610)
    planning.queue_message(_registration(), Purpose.CONFIRMATION)
    delivery.deliver_due_messages()
    assert OptOut.objects.filter(phone="+819011112222", source="provider").exists()


def test_opted_out_numbers_get_nothing(clock, twilio_backend):
    registration = _registration()
    optouts.opt_out("+819011112222", source=OptOut.Source.DESK)
    planning.queue_message(registration, Purpose.CONFIRMATION)
    report = delivery.deliver_due_messages()
    assert report.skipped == 1
    assert Message.objects.get().status == Message.Status.SKIPPED
    assert twilio_backend.posts() == []


def test_a_worker_killed_after_twilio_accepted_is_recovered_without_a_second_send(
    clock, twilio_backend, settings
):
    """The claim expired and Twilio has the message: the next worker finds it, sends nothing."""
    registration = _registration()
    message = planning.queue_message(registration, Purpose.CONFIRMATION)
    (claimed,) = claims.claim_batch(clock.now(), 10)
    # The dead worker's request reached Twilio, but it never recorded the sid.
    from messaging.backends import get_backend

    accepted = get_backend().send(claimed)
    Message.objects.filter(pk=message.pk).update(claimed_until=jst(2000, 1, 1, 0, 0))
    report = delivery.deliver_due_messages()
    assert report.recovered == 1 and report.sent == 0
    message.refresh_from_db()
    assert message.provider_id == accepted.provider_id
    assert len(twilio_backend.posts()) == 1


def test_a_killed_worker_that_never_reached_twilio_is_sent_once(clock, twilio_backend):
    message = planning.queue_message(_registration(), Purpose.CONFIRMATION)
    claims.claim_batch(clock.now(), 10)
    Message.objects.filter(pk=message.pk).update(claimed_until=jst(2000, 1, 1, 0, 0))
    report = delivery.deliver_due_messages()
    assert report.sent == 1
    assert len(twilio_backend.posts()) == 1


def test_a_cancelled_registration_gets_no_reminder(clock):
    registration = _registration()
    planning.queue_message(registration, Purpose.REMINDER, occasion="x")
    registration.status = "cancelled"
    registration.save(update_fields=["status"])
    assert delivery.deliver_due_messages().skipped == 1


def test_residents_who_asked_for_no_contact_get_nothing(clock):
    registration = _registration(contact_preference="none")
    assert planning.queue_message(registration, Purpose.CONFIRMATION) is None


def test_the_twilio_client_uses_the_tokyo_edge_without_a_base_url():
    from messaging.backends.twilio import make_client

    client = make_client("AC" + "1" * 32, "token")
    assert client.edge == "tokyo"
    assert client.get_hostname("https://api.twilio.com/2010-04-01/x") == (
        "https://api.tokyo.us1.twilio.com/2010-04-01/x"
    )
