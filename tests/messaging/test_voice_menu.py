"""The voice menu as callers of 70 and over meet it: words, retries, districts, the desk, dates."""

import re

import pytest

from messaging.models import Message, Purpose
from messaging.services import delivery, planning
from messaging.texts import DEFAULT_TEXTS
from messaging.voice import outbound_call_twiml
from messaging.voice_words import ACTIONS, STEPS
from outreach.models import Registration
from tests.factories import (
    ClassSessionFactory,
    DistrictFactory,
    RegistrationFactory,
    ResidentFactory,
    VenueFactory,
)
from tests.messaging.conftest import jst, twiml

BASE = "https://tsunagu.example.jp"
CALLER = {"From": "+81427001234", "CallSid": "CA1"}
pytestmark = pytest.mark.django_db


def said(root) -> str:
    return " ".join(say.text or "" for say in root.iter("Say"))


def action_of(root) -> str:
    return root.find("Gather").get("action").removeprefix(BASE)


@pytest.fixture
def fujino(clock):
    """District 12 (藤野) with one class, and the caller already registered for it."""
    clock.set(jst(2030, 5, 13, 10, 0))
    district = DistrictFactory(flyer_number=12, name="藤野", name_kana="ふじの", name_en="Fujino")
    venue = VenueFactory(district=district, name="藤野公民館", name_en="Fujino Hall")
    session = ClassSessionFactory(venue=venue, starts_at=jst(2031, 6, 2, 10, 0))
    registration = RegistrationFactory(
        session=ClassSessionFactory(venue=venue, starts_at=jst(2031, 6, 9, 13, 0)),
        resident=ResidentFactory(phone=CALLER["From"], language="ja"),
    )
    return district, session, registration


def _voice_message(phone="+81427001234"):
    """An automated call (the number is a landline) confirming a registration."""
    registration = RegistrationFactory(
        session=ClassSessionFactory(starts_at=jst(2030, 5, 20, 10, 0)),
        resident=ResidentFactory(phone=phone),
    )
    planning.queue_message(registration, Purpose.CONFIRMATION)
    delivery.deliver_due_messages()
    message = Message.objects.get()
    assert message.channel == "voice"
    return message


def _every_prompt(twilio_post, fujino) -> dict[str, str]:
    """What each step of the menu says, reached as a caller reaches it."""
    district, session, registration = fujino
    import xml.etree.ElementTree as ET

    return {
        "menu": said(twiml(twilio_post("/twilio/voice/", CALLER))),
        "district": said(twiml(twilio_post("/twilio/voice/menu/", {**CALLER, "Digits": "1"}))),
        "class": said(twiml(twilio_post("/twilio/voice/district/", {**CALLER, "Digits": "12"}))),
        "register": said(
            twiml(twilio_post("/twilio/voice/class/?district=12", {**CALLER, "Digits": "1"}))
        ),
        "mine": said(twiml(twilio_post("/twilio/voice/menu/", {**CALLER, "Digits": "2"}))),
        "cancel": said(twiml(twilio_post("/twilio/voice/mine/", {**CALLER, "Digits": "1"}))),
        "answer": said(ET.fromstring(outbound_call_twiml(_voice_message("+81427005555")))),  # noqa: S314
    }


# --- 1. one wording, one action -------------------------------------------------------
_CLAUSE = re.compile(r"(?:^|[、。]\s*)([^、。]+?) ときは (\d)を")


def test_no_word_is_used_for_two_different_actions(twilio_post, fujino):
    """Every choice said in every step, parsed back: each verb belongs to one action only."""
    phrase_to_action = {ja: name for name, (ja, _en) in ACTIONS.items()}
    verbs: dict[str, set[str]] = {}
    for step, text in _every_prompt(twilio_post, fujino).items():
        offered = dict(STEPS.get(step, ()))
        clauses = _CLAUSE.findall(text)
        assert len(clauses) == len(offered), (step, text)
        for phrase, key in clauses:
            action = phrase_to_action[phrase]  # a wording outside ACTIONS fails here
            assert offered[key] == action, (step, phrase, key)
            verbs.setdefault(phrase.split()[-1], set()).add(action)
        assert "やめ" not in text, (step, text)
    assert all(len(actions) == 1 for actions in verbs.values()), verbs
    # Every action's verb appears in no other action's wording.
    for name, (ja, _en) in ACTIONS.items():
        verb = ja.split()[-1]
        others = [words.split() for other, (words, _) in ACTIONS.items() if other != name]
        assert not any(verb in other for other in others), (name, verb)


def test_messages_use_the_same_words_as_the_voice_menu():
    for (purpose, _language, _channel), body in DEFAULT_TEXTS.items():
        assert "やめ" not in body, (purpose, body)
    cancel = ACTIONS["cancel"][0]
    assert f"{cancel} ときは" in DEFAULT_TEXTS[(Purpose.CONFIRMATION, "ja", "sms")]


def test_going_back_from_the_confirmation_registers_nothing(twilio_post, fujino):
    _district, session, _registration = fujino
    root = twiml(
        twilio_post(f"/twilio/voice/register/?session={session.pk}", {**CALLER, "Digits": "0"})
    )
    assert "申し込みは していません" in said(root)
    assert action_of(root) == "/twilio/voice/menu/"
    assert not Registration.objects.filter(session=session).exists()


def test_going_back_from_cancelling_keeps_the_registration(twilio_post, fujino):
    *_, registration = fujino
    path = f"/twilio/voice/cancel/?registration={registration.pk}"
    root = twiml(twilio_post(path, {**CALLER, "Digits": "0"}))
    assert "取り消しは していません" in said(root)
    registration.refresh_from_db()
    assert registration.status == "confirmed"


# --- 2. silence or a wrong key: the choices again, twice, then goodbye ---------------
def _steps(fujino, message):
    _district, session, registration = fujino
    return {
        "menu": ("/twilio/voice/menu/", "9"),
        "district": ("/twilio/voice/district/", "98"),
        "class": ("/twilio/voice/class/?district=12", "5"),
        "register": (f"/twilio/voice/register/?session={session.pk}", "9"),
        "mine": ("/twilio/voice/mine/", "7"),
        "cancel": (f"/twilio/voice/cancel/?registration={registration.pk}", "5"),
        "answer": (f"/twilio/voice/answer/{message.uuid}/", "5"),
    }


@pytest.mark.parametrize(
    "step", ["menu", "district", "class", "register", "mine", "cancel", "answer"]
)
@pytest.mark.parametrize("pressed", ["silence", "wrong key"])
def test_each_step_says_its_choices_twice_more_then_ends(twilio_post, fujino, step, pressed):
    message = _voice_message("+81427005555")
    path, wrong = _steps(fujino, message)[step]
    data = {**CALLER, "Digits": wrong} if pressed == "wrong key" else dict(CALLER)
    for attempt in (1, 2):
        root = twiml(twilio_post(_with_try(path, attempt - 1), data))
        gather = root.find("Gather")
        assert gather is not None, (step, attempt)
        assert gather.get("actionOnEmptyResult") == "true"
        assert f"try={attempt}" in gather.get("action")
        assert "もう 一度 言います" in said(root)
        assert root.find("Hangup") is None
    root = twiml(twilio_post(_with_try(path, 2), data))
    assert root.find("Gather") is None and root.find("Hangup") is not None
    assert "ありがとう ございました" in said(root)
    # Nothing was changed on the way.
    *_, registration = fujino
    registration.refresh_from_db()
    message.refresh_from_db()
    assert registration.status == "confirmed" and message.response == ""
    assert Registration.objects.filter(phone=CALLER["From"]).count() == 1


def _with_try(path: str, tries: int) -> str:
    if not tries:
        return path
    return f"{path}{'&' if '?' in path else '?'}try={tries}"


def test_every_gather_of_a_walk_goes_to_its_step_even_on_silence(twilio_post, fujino):
    prompts = [
        twiml(twilio_post("/twilio/voice/", CALLER)),
        twiml(twilio_post("/twilio/voice/menu/", {**CALLER, "Digits": "1"})),
        twiml(twilio_post("/twilio/voice/district/", {**CALLER, "Digits": "12"})),
    ]
    for root in prompts:
        assert root.find("Gather").get("actionOnEmptyResult") == "true"
        assert root.find("Redirect") is None


def test_a_retry_counter_in_the_address_cannot_be_pushed_past_the_end(twilio_post, fujino):
    root = twiml(twilio_post("/twilio/voice/menu/?try=99", CALLER))
    assert root.find("Hangup") is not None and root.find("Gather") is None


# --- 3. choosing a district without the flyer ----------------------------------------
@pytest.fixture
def three_districts(clock):
    clock.set(jst(2030, 5, 13, 10, 0))
    made = [
        DistrictFactory(flyer_number=3, name="城山", name_kana="しろやま", name_en="Shiroyama"),
        DistrictFactory(flyer_number=1, name="橋本", name_kana="はしもと", name_en="Hashimoto"),
        DistrictFactory(flyer_number=12, name="藤野", name_kana="ふじの", name_en="Fujino"),
    ]
    for district in made:
        venue = VenueFactory(district=district, name=f"{district.name}公民館")
        ClassSessionFactory(venue=venue, starts_at=jst(2031, 6, 2, 10, 0))
    return made


def test_the_menu_says_every_district_in_order_with_its_keys(twilio_post, three_districts):
    root = twiml(twilio_post("/twilio/voice/menu/", {**CALLER, "Digits": "1"}))
    gather = root.find("Gather")
    assert gather.get("numDigits") == "2" and gather.get("input") == "dtmf speech"
    items = [say.text for say in gather.findall("Say")][1:]
    assert items == ["橋本は 0 1。", "城山は 0 3。", "藤野は 1 2。"]
    hints = gather.get("hints").split(",")
    assert {"橋本", "はしもと", "城山", "しろやま", "藤野", "ふじの"} <= set(hints)


@pytest.mark.parametrize(
    "heard", ["藤野", "ふじの です", "フジノ", "ﾌｼﾞﾉ でお願いします", "藤野町の 教室"]
)
def test_saying_the_district_name_or_its_reading_chooses_it(twilio_post, three_districts, heard):
    root = twiml(twilio_post("/twilio/voice/district/", {**CALLER, "SpeechResult": heard}))
    assert action_of(root) == "/twilio/voice/class/?district=12"
    assert "藤野の 教室です" in said(root)


def test_pressing_a_one_digit_district_as_two_keys_chooses_it(twilio_post, three_districts):
    root = twiml(twilio_post("/twilio/voice/district/", {**CALLER, "Digits": "01"}))
    assert action_of(root) == "/twilio/voice/class/?district=1"


def test_a_name_that_is_no_district_is_answered_and_asked_again(twilio_post, three_districts):
    root = twiml(twilio_post("/twilio/voice/district/", {**CALLER, "SpeechResult": "東京"}))
    assert "見つかりません" in said(root)
    assert action_of(root) == "/twilio/voice/district/?try=1"


# --- 4. "0" for the desk -------------------------------------------------------------
def test_zero_in_office_hours_without_a_forward_number_says_the_desks_number(
    twilio_post, clock, settings
):
    settings.DESK_FORWARD_NUMBER = ""
    settings.DESK_PHONE_NUMBER = "042-769-8236"
    clock.set(jst(2030, 5, 13, 10, 0))  # Monday morning: the desk is open
    root = twiml(twilio_post("/twilio/voice/menu/", {**CALLER, "Digits": "0"}))
    text = said(root)
    assert "時間外" not in text
    number = "ゼロ よん に、なな ろく きゅう、はち に さん ろく"
    assert text.count(number) == 2  # slowly, twice
    assert root.find("Dial") is None and root.find("Record") is not None


def test_zero_out_of_office_hours_says_the_desk_is_closed(twilio_post, clock, settings):
    settings.DESK_FORWARD_NUMBER = ""
    clock.set(jst(2030, 5, 18, 11, 0))  # a Saturday
    root = twiml(twilio_post("/twilio/voice/menu/", {**CALLER, "Digits": "0"}))
    assert "時間外" in said(root) and "ゼロ よん に" not in said(root)
    assert root.find("Record") is not None


# --- 5. dates and times as they are said ---------------------------------------------
@pytest.mark.parametrize(
    ("moment", "japanese", "english"),
    [
        (jst(2030, 12, 3, 10, 0), "12月3日 火曜日 午前10時", "Tuesday, December 3, 10 a.m."),
        (jst(2031, 1, 8, 13, 30), "1月8日 水曜日 午後1時30分", "Wednesday, January 8, 1:30 p.m."),
        (jst(2030, 6, 1, 12, 0), "6月1日 土曜日 お昼の 12時", "Saturday, June 1, 12 p.m."),
        (jst(2030, 9, 29, 9, 5), "9月29日 日曜日 午前9時5分", "Sunday, September 29, 9:05 a.m."),
    ],
)
def test_dates_are_written_as_they_are_said(moment, japanese, english):
    from messaging.texts import spoken_when

    assert spoken_when(moment, "ja") == japanese
    assert spoken_when(moment, "en") == english
    assert spoken_when(moment, "ja", time=False) == japanese.rsplit(" ", 1)[0].removesuffix(
        " お昼の"
    )
    for text in (japanese, english):
        assert not set(text) & set("()（）[]【】「」")


def test_dates_are_said_in_utc_deployments_in_japan_time(settings):
    import datetime as dt

    from messaging.texts import spoken_when

    moment = dt.datetime(2030, 12, 3, 1, 0, tzinfo=dt.UTC)  # 10:00 in Tokyo
    assert spoken_when(moment, "ja") == "12月3日 火曜日 午前10時"


def test_a_class_is_read_without_brackets(twilio_post, clock):
    from outreach.models import ClassSession

    clock.set(jst(2030, 5, 13, 10, 0))
    district = DistrictFactory(flyer_number=12, name="藤野")
    venue = VenueFactory(district=district, name="藤野公民館（2階）")
    ClassSessionFactory(venue=venue, title="「LINE」入門", starts_at=jst(2030, 12, 3, 10, 0))
    assert ClassSession.objects.count() == 1
    text = said(twiml(twilio_post("/twilio/voice/district/", {**CALLER, "Digits": "12"})))
    assert "1番。12月3日 火曜日 午前10時から、藤野公民館、2階で、LINE入門。" in text
    assert not set(text) & set("()（）「」")


def test_an_automated_call_says_the_date_in_words(clock):
    message = _voice_message("+81427005555")
    assert "5月20日 月曜日 午前10時" in " ".join(message.body.split("、"))
    assert "（" not in message.body


# --- 6. English -----------------------------------------------------------------------
def test_the_greeting_offers_english_in_english(twilio_post):
    root = twiml(twilio_post("/twilio/voice/", CALLER))
    says = list(root.find("Gather").iter("Say"))
    assert says[0].get("language") == "ja-JP" and "つなぐ" in says[0].text
    assert (says[-1].text, says[-1].get("language")) == ("For English, press 7.", "en-US")


def test_seven_switches_the_rest_of_the_call_to_english_and_the_registration_records_it(
    twilio_post, fujino, django_capture_on_commit_callbacks
):
    _district, session, _registration = fujino
    caller = {"From": "+81427009999", "CallSid": "CA7"}
    root = twiml(twilio_post("/twilio/voice/menu/", {**caller, "Digits": "7"}))
    gather = root.find("Gather")
    assert gather.get("language") == "en-US"
    assert action_of(root) == "/twilio/voice/menu/?lang=en"
    assert all(say.get("language") == "en-US" for say in root.iter("Say"))
    assert "To find a class, press 1." in said(root) and "press 7" not in said(root)

    root = twiml(twilio_post(action_of(root), {**caller, "Digits": "1"}))
    assert "Fujino, 1 2." in said(root)
    root = twiml(twilio_post(action_of(root), {**caller, "SpeechResult": "Fujino please"}))
    assert action_of(root) == "/twilio/voice/class/?district=12&lang=en"
    assert "Number 1. Monday, June 2, 10 a.m., at Fujino Hall" in said(root)
    root = twiml(twilio_post(action_of(root), {**caller, "Digits": "1"}))
    assert "To agree and register, press 1." in said(root)
    assert "ときは" not in said(root)
    with django_capture_on_commit_callbacks(execute=True):
        root = twiml(twilio_post(action_of(root), {**caller, "Digits": "1"}))
    assert "You are registered." in said(root)
    assert all(say.get("language") == "en-US" for say in root.iter("Say"))
    registration = Registration.objects.get(phone=caller["From"])
    assert registration.session == session and registration.language == "en"


def test_an_english_caller_hears_the_choices_again_in_english(twilio_post):
    root = twiml(twilio_post("/twilio/voice/menu/?lang=en", CALLER))
    assert said(root).startswith("Once more.")
    assert action_of(root) == "/twilio/voice/menu/?lang=en&try=1"
    root = twiml(twilio_post("/twilio/voice/menu/?lang=en&try=2", CALLER))
    assert "Thank you for calling. Goodbye." in said(root) and root.find("Hangup") is not None


def test_an_english_caller_hears_why_a_class_cannot_be_booked_in_english(twilio_post, clock):
    from outreach.models import ClassSession

    clock.set(jst(2030, 5, 13, 10, 0))
    session = ClassSessionFactory(
        starts_at=jst(2031, 6, 2, 10, 0), status=ClassSession.Status.CANCELLED
    )
    path = f"/twilio/voice/register/?session={session.pk}&lang=en"
    root = twiml(twilio_post(path, {**CALLER, "Digits": "1"}))
    assert "This class has been cancelled." in said(root)
    assert all(say.get("language") == "en-US" for say in root.iter("Say"))
    assert not Registration.objects.exists()
