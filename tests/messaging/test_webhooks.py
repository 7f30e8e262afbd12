"""Twilio's webhooks: signatures, status callbacks, incoming SMS, the voice menu."""

import datetime as dt

import pytest

from messaging.models import InboundMessage, Message, OptOut, Purpose
from messaging.services import delivery, optouts, planning
from messaging.voice_menu import PURPOSE_STATEMENT
from outreach.names import UNCONFIRMED_NAME
from tests.factories import (
    ClassSessionFactory,
    DistrictFactory,
    RegistrationFactory,
    ResidentFactory,
    VenueFactory,
)
from tests.messaging.conftest import jst, twiml

pytestmark = pytest.mark.django_db

WEBHOOKS = [
    "/twilio/status/",
    "/twilio/sms/",
    "/twilio/voice/",
    "/twilio/voice/menu/",
    "/twilio/voice/district/",
    "/twilio/voice/recorded/",
]


@pytest.mark.parametrize("path", WEBHOOKS)
def test_every_webhook_refuses_a_missing_signature(twilio_post, path):
    assert twilio_post(path, {"From": "+819012345678"}, signature="").status_code == 403


@pytest.mark.parametrize("path", WEBHOOKS)
def test_every_webhook_refuses_a_wrong_signature(twilio_post, path):
    response = twilio_post(path, {"From": "+819012345678"}, signature="bm90IGEgc2lnbmF0dXJl")
    assert response.status_code == 403


def test_a_signature_for_another_address_is_refused(twilio_post, settings):
    from twilio.request_validator import RequestValidator

    from tests.messaging.fake_twilio import AUTH_TOKEN

    signature = RequestValidator(AUTH_TOKEN).compute_signature(
        "https://evil.example.com/twilio/sms/", {"Body": "STOP"}
    )
    assert twilio_post("/twilio/sms/", {"Body": "STOP"}, signature=signature).status_code == 403


def test_a_signed_request_with_changed_parameters_is_refused(twilio_post, settings):
    from twilio.request_validator import RequestValidator

    from tests.messaging.fake_twilio import AUTH_TOKEN

    url = settings.PUBLIC_BASE_URL + "/twilio/sms/"
    signature = RequestValidator(AUTH_TOKEN).compute_signature(url, {"Body": "hello"})
    response = twilio_post("/twilio/sms/", {"Body": "STOP"}, signature=signature)
    assert response.status_code == 403


def test_get_is_not_allowed(client):
    assert client.get("/twilio/voice/").status_code == 405


def _sent_message(clock, phone="+819011112222"):
    registration = RegistrationFactory(
        session=ClassSessionFactory(starts_at=jst(2030, 5, 20, 10, 0)),
        resident=ResidentFactory(phone=phone),
    )
    planning.queue_message(registration, Purpose.CONFIRMATION)
    delivery.deliver_due_messages()
    return Message.objects.get()


def test_status_callbacks_update_the_log_and_never_go_backwards(clock, twilio_post):
    message = _sent_message(clock)
    response = twilio_post(
        "/twilio/status/",
        {
            "MessageSid": message.provider_id,
            "MessageStatus": "delivered",
            "Price": "-0.07600",
            "PriceUnit": "USD",
        },
    )
    assert response.status_code == 204
    message.refresh_from_db()
    assert message.status == Message.Status.DELIVERED and message.delivered_at
    assert str(message.price) == "0.07600"
    # Twilio's earlier "sent" callback arriving late changes nothing.
    twilio_post("/twilio/status/", {"MessageSid": message.provider_id, "MessageStatus": "sent"})
    message.refresh_from_db()
    assert message.status == Message.Status.DELIVERED


def test_undelivered_status_keeps_the_error_code(clock, twilio_post):
    message = _sent_message(clock)
    twilio_post(
        "/twilio/status/",
        {"MessageSid": message.provider_id, "MessageStatus": "undelivered", "ErrorCode": "30003"},
    )
    message.refresh_from_db()
    assert message.status == Message.Status.UNDELIVERED and message.error_code == "30003"


def test_status_for_an_unknown_sid_is_accepted_and_ignored(twilio_post):
    assert (
        twilio_post("/twilio/status/", {"MessageSid": "SMx", "MessageStatus": "sent"}).status_code
        == 204
    )


@pytest.mark.parametrize(
    "word", ["STOP", "stop", "停止", "ていし", "ＳＴＯＰ", "UNSUBSCRIBE", "Quit"]
)
def test_stop_words_opt_the_number_out(twilio_post, word):
    root = twiml(
        twilio_post("/twilio/sms/", {"From": "+819011112222", "Body": word, "MessageSid": "SM1"})
    )
    assert OptOut.objects.filter(phone="+819011112222", source="sms").exists()
    assert "止めました" in root.find("Message").text


def test_start_opts_back_in(twilio_post):
    optouts.opt_out("+819011112222", source=OptOut.Source.SMS)
    twiml(
        twilio_post("/twilio/sms/", {"From": "+819011112222", "Body": "START", "MessageSid": "SM2"})
    )
    assert not OptOut.objects.exists()


def test_stop_stops_the_next_message(clock, twilio_post):
    twilio_post("/twilio/sms/", {"From": "+819011112222", "Body": "停止", "MessageSid": "SM3"})
    registration = RegistrationFactory(resident=ResidentFactory(phone="+819011112222"))
    planning.queue_message(registration, Purpose.CONFIRMATION)
    assert delivery.deliver_due_messages().skipped == 1


def test_other_texts_go_to_the_inbox_and_are_answered_with_the_desk_number(twilio_post, settings):
    data = {"From": "+819011112222", "Body": "行けなくなりました", "MessageSid": "SM4"}
    root = twiml(twilio_post("/twilio/sms/", data))
    twilio_post("/twilio/sms/", data)  # Twilio retried the webhook
    inbound = InboundMessage.objects.get()
    assert inbound.body == "行けなくなりました" and inbound.kind == "sms"
    assert settings.DESK_PHONE_NUMBER in root.find("Message").text


def test_an_incoming_call_hears_the_menu_in_japanese_with_speech(twilio_post):
    root = twiml(twilio_post("/twilio/voice/", {"From": "+81427001234", "CallSid": "CA1"}))
    gather = root.find("Gather")
    assert gather.get("action") == "https://tsunagu.example.jp/twilio/voice/menu/"
    assert gather.get("input") == "dtmf speech" and gather.get("language") == "ja-JP"
    text = "".join(say.text for say in gather.findall("Say"))
    assert "1を" in text and "2を" in text and "0を" in text


def test_pressing_one_asks_for_the_two_digit_district_number(twilio_post):
    root = twiml(twilio_post("/twilio/voice/menu/", {"From": "+81427001234", "Digits": "1"}))
    assert root.find("Gather").get("numDigits") == "2"


def test_saying_kyoushitsu_is_the_same_as_pressing_one(twilio_post):
    root = twiml(
        twilio_post("/twilio/voice/menu/", {"From": "+81427001234", "SpeechResult": "教室"})
    )
    assert root.find("Gather").get("action").endswith("/twilio/voice/district/")


def test_the_district_number_reads_the_next_classes(twilio_post, clock):
    district = DistrictFactory(flyer_number=12, name="藤野")
    venue = VenueFactory(district=district, name="藤野公民館")
    ClassSessionFactory(venue=venue, starts_at=jst(2031, 6, 2, 10, 0))
    ClassSessionFactory(venue=venue, starts_at=jst(2031, 6, 9, 13, 0))
    root = twiml(twilio_post("/twilio/voice/district/", {"From": "+81427001234", "Digits": "12"}))
    gather = root.find("Gather")
    assert gather.get("action").endswith("/twilio/voice/class/?district=12")
    text = " ".join(say.text for say in gather.findall("Say"))
    assert "1番。6月2日 月曜日 午前10時から、藤野公民館" in text
    assert "2番。6月9日 月曜日 午後1時から" in text


def test_an_unknown_district_number_is_asked_again(twilio_post):
    root = twiml(twilio_post("/twilio/voice/district/", {"From": "+81427001234", "Digits": "99"}))
    assert "見つかりません" in root.find("Say").text  # said, then the districts again
    assert root.find("Gather").get("action").endswith("/twilio/voice/district/?try=1")


def test_zero_out_of_office_hours_records_a_message_for_the_inbox(twilio_post, clock, settings):
    settings.DESK_FORWARD_NUMBER = "+81427000000"
    clock.set(jst(2030, 5, 18, 11, 0))  # a Saturday
    root = twiml(twilio_post("/twilio/voice/menu/", {"From": "+81427001234", "Digits": "0"}))
    assert root.find("Dial") is None
    assert root.find("Record").get("action").endswith("/twilio/voice/recorded/")
    twiml(
        twilio_post(
            "/twilio/voice/recorded/",
            {
                "From": "+81427001234",
                "RecordingUrl": "https://api.twilio.com/rec/RE1",
                "RecordingSid": "RE1",
                "RecordingDuration": "14",
            },
        )
    )
    inbound = InboundMessage.objects.get()
    assert inbound.kind == "voicemail" and inbound.recording_seconds == 14


def test_zero_in_office_hours_puts_the_caller_through(twilio_post, clock, settings):
    settings.DESK_FORWARD_NUMBER = "+81427000000"
    clock.set(jst(2030, 5, 13, 10, 0))  # Monday morning
    root = twiml(twilio_post("/twilio/voice/menu/", {"From": "+81427001234", "Digits": "0"}))
    assert root.find("Dial").text == "+81427000000"


def test_answering_one_on_a_reminder_call_is_recorded(twilio_post, clock):
    message = _sent_message(clock, phone="+81427001234")
    root = twiml(
        twilio_post(
            f"/twilio/voice/answer/{message.uuid}/", {"From": "+81427001234", "Digits": "1"}
        )
    )
    message.refresh_from_db()
    assert message.response == "coming"
    assert root.find("Hangup") is not None


def test_a_caller_walks_through_the_voice_menu_to_a_registration(
    twilio_post, clock, django_capture_on_commit_callbacks
):
    """The whole call, as Twilio would make it: menu 1, district 12, class 1, confirm 1."""
    from outreach.models import Registration

    clock.set(jst(2030, 5, 13, 10, 0))
    district = DistrictFactory(flyer_number=12, name="藤野")
    venue = VenueFactory(district=district, name="藤野公民館")
    session = ClassSessionFactory(venue=venue, starts_at=jst(2031, 6, 2, 10, 0), capacity=5)
    caller = {"From": "+81427001234", "CallSid": "CA9"}

    root = twiml(twilio_post("/twilio/voice/", caller))
    menu = root.find("Gather").get("action").removeprefix("https://tsunagu.example.jp")
    root = twiml(twilio_post(menu, {**caller, "Digits": "1"}))
    step = root.find("Gather").get("action").removeprefix("https://tsunagu.example.jp")
    root = twiml(twilio_post(step, {**caller, "Digits": "12"}))
    step = root.find("Gather").get("action").removeprefix("https://tsunagu.example.jp")
    root = twiml(twilio_post(step, {**caller, "Digits": "1"}))
    confirm = root.find("Gather")
    step = confirm.get("action").removeprefix("https://tsunagu.example.jp")
    assert step == f"/twilio/voice/register/?session={session.pk}"
    heard = [say.text for say in confirm.iter("Say")]
    assert heard.index(PURPOSE_STATEMENT) < len(heard) - 1  # said before the key is asked for
    assert "同意して 申し込む ときは 1を" in heard[-1]
    with django_capture_on_commit_callbacks(execute=True):
        root = twiml(twilio_post(step, {**caller, "Digits": "1"}))
    registration = Registration.objects.get()
    assert registration.session == session and registration.channel == "voice"
    assert str(registration.phone) == "+81427001234" and registration.status == "confirmed"
    # Pressing 1 after hearing what the number is for is the caller's consent.
    assert registration.consent_method == "voice_keypad" and registration.consented_at
    assert registration.name == UNCONFIRMED_NAME and not registration.name_confirmed
    spoken = " ".join(say.text for say in root.iter("Say"))
    assert "受けつけました" in spoken and spoken.count("藤野公民館") == 2
    # A landline caller heard it on the call: no second, automated call for it.
    assert not Message.objects.exists()

    # The same caller presses 2 and hears it; 1 then 9 cancels it.
    root = twiml(twilio_post("/twilio/voice/menu/", {**caller, "Digits": "2"}))
    assert "1番。6月2日" in " ".join(say.text for say in root.iter("Say"))
    root = twiml(twilio_post("/twilio/voice/mine/", {**caller, "Digits": "1"}))
    step = root.find("Gather").get("action").removeprefix("https://tsunagu.example.jp")
    twiml(twilio_post(step, {**caller, "Digits": "9"}))
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_someone_elses_registration_cannot_be_cancelled_by_changing_the_url(twilio_post, clock):
    registration = RegistrationFactory(
        session=ClassSessionFactory(starts_at=jst(2031, 6, 2, 10, 0)),
        resident=ResidentFactory(phone="+819011112222"),
    )
    twiml(
        twilio_post(
            f"/twilio/voice/cancel/?registration={registration.pk}",
            {"From": "+81427001234", "Digits": "9"},
        )
    )
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_a_full_class_by_phone_puts_the_caller_on_the_waiting_list(twilio_post, clock):
    from outreach.models import Registration

    session = ClassSessionFactory(starts_at=jst(2031, 6, 2, 10, 0), capacity=1)
    RegistrationFactory(session=session)
    root = twiml(
        twilio_post(
            f"/twilio/voice/register/?session={session.pk}", {"From": "+81427001234", "Digits": "1"}
        )
    )
    assert Registration.objects.get(phone="+81427001234").status == "waitlisted"
    assert "キャンセル待ちの 1番目" in " ".join(say.text for say in root.iter("Say"))


def test_registering_twice_by_phone_is_answered_politely(twilio_post, clock):
    from outreach.models import Registration

    session = ClassSessionFactory(starts_at=jst(2031, 6, 2, 10, 0))
    data = {"From": "+81427001234", "Digits": "1"}
    twiml(twilio_post(f"/twilio/voice/register/?session={session.pk}", data))
    root = twiml(twilio_post(f"/twilio/voice/register/?session={session.pk}", data))
    assert root.find("Gather") is not None  # back to the menu, with the reason said
    assert "係の人が うけつけます" in " ".join(say.text for say in root.iter("Say"))
    assert Registration.objects.count() == 1


def test_a_caller_from_a_known_number_hears_and_changes_nothing_of_the_resident(twilio_post, clock):
    """The voice menu never borrows the name of a resident on file with the caller's number."""
    from outreach.models import Registration

    known = ResidentFactory(
        name="城山 トメ", phone="+81427001234", language="en", district=DistrictFactory()
    )
    before = (known.name, known.language, known.district_id, known.updated_at)
    session = ClassSessionFactory(starts_at=jst(2031, 6, 2, 10, 0))
    root = twiml(
        twilio_post(
            f"/twilio/voice/register/?session={session.pk}",
            {"From": "+81427001234", "Digits": "1"},
        )
    )
    assert "城山" not in " ".join(say.text for say in root.iter("Say"))
    known.refresh_from_db()
    assert (known.name, known.language, known.district_id, known.updated_at) == before
    registration = Registration.objects.get()
    assert registration.resident_id != known.pk and registration.name == UNCONFIRMED_NAME
    assert registration.language == "ja"


def test_a_caller_who_does_not_press_one_is_not_registered(twilio_post, clock):
    from outreach.models import Registration, Resident

    session = ClassSessionFactory(starts_at=jst(2031, 6, 2, 10, 0))
    for refusal in ({"Digits": "9"}, {}):
        twiml(
            twilio_post(
                f"/twilio/voice/register/?session={session.pk}",
                {"From": "+81427001234", **refusal},
            )
        )
    assert not Registration.objects.exists() and not Resident.objects.exists()


def test_a_caller_cannot_cancel_after_the_class_has_started(twilio_post, clock):
    from django.utils import timezone

    start = timezone.now() - dt.timedelta(minutes=5)
    registration = RegistrationFactory(
        session=ClassSessionFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2)),
        resident=ResidentFactory(phone="+81427001234"),
    )
    root = twiml(
        twilio_post(
            f"/twilio/voice/cancel/?registration={registration.pk}",
            {"From": "+81427001234", "Digits": "9"},
        )
    )
    assert "取り消しは できません" in " ".join(say.text for say in root.iter("Say"))
    registration.refresh_from_db()
    assert registration.status == "confirmed"


@pytest.mark.parametrize(
    "moment",
    [
        jst(2030, 5, 6, 10, 0),  # a Monday, substitute holiday for Children's Day
        jst(2030, 9, 16, 10, 0),  # Respect for the Aged Day, a Monday
        jst(2030, 12, 30, 10, 0),  # a Monday in the city offices' year-end closure
        jst(2031, 1, 2, 10, 0),  # a Thursday, still closed
    ],
)
def test_zero_on_a_holiday_takes_a_message_instead_of_ringing_an_empty_office(
    twilio_post, clock, settings, moment
):
    settings.DESK_FORWARD_NUMBER = "+81427000000"
    clock.set(moment)
    root = twiml(twilio_post("/twilio/voice/menu/", {"From": "+81427001234", "Digits": "0"}))
    assert root.find("Dial") is None and root.find("Record") is not None


def test_the_desk_is_open_on_the_first_working_day_after_the_closure(clock):
    from messaging.schedule import desk_is_open

    assert desk_is_open(jst(2030, 12, 27, 10, 0))  # Friday before the closure
    assert desk_is_open(jst(2031, 1, 6, 10, 0))  # Monday after it
