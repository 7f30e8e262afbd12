"""Venue and district names a call in another language can say, and an SMS reader can find."""

import pytest

from messaging.models import Purpose
from messaging.services import planning
from outreach.demo import DEMO_VENUE_READINGS
from tests.factories import (
    ClassSessionFactory,
    DistrictFactory,
    RegistrationFactory,
    ResidentFactory,
    VenueFactory,
)
from tests.messaging.conftest import jst, twiml

pytestmark = pytest.mark.django_db
MOBILE = "+819055556666"
LANDLINE = "+81427001234"
LANGUAGES = ("en", "zh-hans", "ko", "vi", "pt-br")


def _message(language, *, phone=MOBILE, name_kana="", name_en=""):
    venue = VenueFactory(name="藤野公民館", name_kana=name_kana, name_en=name_en)
    registration = RegistrationFactory(
        session=ClassSessionFactory(venue=venue, starts_at=jst(2030, 5, 20, 10, 0)),
        resident=ResidentFactory(phone=phone, language=language),
        language=language,
    )
    return planning.build_message(registration, Purpose.REMINDER, due_at=jst(2030, 5, 18, 10, 0))


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "zh-hans"])
def test_a_call_says_the_romanised_reading_of_a_venue_without_an_english_name(language):
    reading = DEMO_VENUE_READINGS["藤野公民館"]
    message = _message(language, phone=LANDLINE, name_kana=reading)
    assert message.channel == "voice"
    assert "Fujino Kominkan" in message.body
    assert "藤野" not in message.body


def test_a_chinese_call_says_the_kanji_which_a_mandarin_voice_reads():
    message = _message("zh-hans", phone=LANDLINE, name_kana="ふじの こうみんかん")
    assert message.channel == "voice"
    assert "藤野公民館" in message.body and "Fujino" not in message.body


def test_a_japanese_call_says_the_japanese_name():
    message = _message("ja", phone=LANDLINE, name_kana="ふじの こうみんかん")
    assert "藤野公民館です" in message.body and "Fujino" not in message.body


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_english_name_comes_first(language):
    for phone in (LANDLINE, MOBILE):
        message = _message(
            language, phone=phone, name_kana="ふじの こうみんかん", name_en="Fujino Hall"
        )
        assert "Fujino Hall" in message.body and "Kominkan" not in message.body


@pytest.mark.parametrize(
    "language, place",
    [
        ("en", "藤野公民館 (Fujino Kominkan)"),
        ("vi", "藤野公民館 (Fujino Kominkan)"),
        ("pt-br", "藤野公民館 (Fujino Kominkan)"),
        # Chinese and Korean readers read the sign's kanji: the name as it is.
        ("zh-hans", "藤野公民館"),
        ("ko", "藤野公民館"),
    ],
)
def test_an_sms_keeps_the_name_on_the_sign_and_adds_the_reading_in_latin_letters(language, place):
    message = _message(language, name_kana="ふじの こうみんかん")
    assert place in message.body
    if language in ("zh-hans", "ko"):
        assert "Fujino" not in message.body


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_venue_with_neither_english_name_nor_reading_keeps_its_japanese_name(language):
    for phone in (LANDLINE, MOBILE):
        message = _message(language, phone=phone)
        assert "藤野公民館" in message.body and "()" not in message.body


def test_the_english_voice_menu_says_districts_and_venues_in_latin_letters(twilio_post, clock):
    clock.set(jst(2030, 5, 13, 10, 0))
    district = DistrictFactory(flyer_number=12, name="藤野", name_kana="ふじの", name_en="")
    venue = VenueFactory(
        district=district, name="藤野公民館", name_kana="ふじの こうみんかん", name_en=""
    )
    ClassSessionFactory(venue=venue, starts_at=jst(2031, 6, 2, 10, 0))
    caller = {"From": "+81427009999", "CallSid": "CA7"}

    root = twiml(twilio_post("/twilio/voice/menu/?lang=en", {**caller, "Digits": "1"}))
    said = " ".join(say.text or "" for say in root.iter("Say"))
    assert "Fujino, 1 2." in said and "藤野" not in said
    root = twiml(twilio_post("/twilio/voice/district/?lang=en", {**caller, "Digits": "12"}))
    said = " ".join(say.text or "" for say in root.iter("Say"))
    assert "at Fujino Kominkan" in said and "藤野" not in said
