"""Automated calls in the registration's language: the voice, the message, the answers."""

import pytest
from twilio.twiml.voice_response import VoiceResponse

from messaging.models import Message, Purpose
from messaging.services import delivery, planning
from messaging.voice import VOICES, gather, outbound_call_twiml
from tests.factories import ClassSessionFactory, RegistrationFactory, ResidentFactory
from tests.messaging.conftest import jst, twiml

pytestmark = pytest.mark.django_db
LANDLINE = "+81427001234"
CODES = [
    ("ja", "ja-JP"),
    ("ja-x-easy", "ja-JP"),
    ("en", "en-US"),
    ("zh-hans", "cmn-CN"),
    ("ko", "ko-KR"),
    ("vi", "vi-VN"),
    ("pt-br", "pt-BR"),
]


def _reminder_call(language, clock):
    """A reminder by automated call (the number is a landline), sent."""
    clock.set(jst(2030, 5, 18, 10, 0))
    registration = RegistrationFactory(
        session=ClassSessionFactory(starts_at=jst(2030, 5, 20, 13, 30)),
        resident=ResidentFactory(phone=LANDLINE, language=language),
    )
    planning.queue_message(registration, Purpose.REMINDER, occasion="2@10:00")
    delivery.deliver_due_messages()
    message = Message.objects.get()
    assert message.channel == "voice" and message.status == Message.Status.SENT
    return message


def test_one_mapping_names_every_language_of_the_site(settings):
    assert [(code, VOICES[code]) for code, _name in settings.LANGUAGES] == CODES


@pytest.mark.parametrize("language, code", CODES)
def test_the_reminder_call_is_read_in_the_registrations_language(clock, language, code):
    message = _reminder_call(language, clock)
    root = twiml_of(message)
    says = list(root.iter("Say"))
    assert {say.get("language") for say in says} == {code}
    spoken = [say.text for say in root.find("Gather").findall("Say")]
    assert spoken.count(message.body) == 2
    # The answers are offered in the same language, 1 and 9.
    assert "1" in spoken[-1] and "9" in spoken[-1]


@pytest.mark.parametrize(
    "language, opening, when, answers",
    [
        (
            "zh-hans",
            "这里是智能手机讲座咨询窗口",
            "5月20日星期一，下午1点30分",
            "如果您会来上课，请按1。",
        ),
        ("ko", "스마트폰 교실 창구입니다", "5월 20일 월요일, 오후 1시 30분", "교실에 오시면 1번을"),
        (
            "vi",
            "Đây là quầy hỗ trợ",
            "thứ Hai, ngày 20 tháng 5, lúc 1 giờ 30 phút chiều",
            "xin bấm phím 9",
        ),
        (
            "pt-br",
            "Aqui é o atendimento",
            "segunda-feira, 20 de maio, às 13 horas e 30",
            "aperte 9",
        ),
    ],
)
def test_the_call_says_its_message_and_answers_in_words(clock, language, opening, when, answers):
    message = _reminder_call(language, clock)
    assert message.language == language
    assert message.body.startswith(opening)
    assert when in message.body
    spoken = " ".join(say.text for say in twiml_of(message).iter("Say"))
    assert answers in spoken
    # Nothing Japanese is read by a voice of another language.
    assert not any("\u3040" <= ch <= "\u30ff" for ch in spoken)


def test_an_easy_japanese_registration_is_called_in_japanese(clock):
    message = _reminder_call("ja-x-easy", clock)
    assert message.language == "ja"
    assert message.body.startswith("こちらは スマホ教室の 窓口です。")


def test_the_answer_to_a_call_is_in_its_language(twilio_post, clock):
    message = _reminder_call("ko", clock)
    path = f"/twilio/voice/answer/{message.uuid}/"
    root = twiml(twilio_post(path, {"From": LANDLINE, "Digits": "1"}))
    assert [(say.get("language"), say.text) for say in root.iter("Say")] == [
        ("ko-KR", "감사합니다. 기다리고 있겠습니다.")
    ]
    root = twiml(twilio_post(path, {"From": LANDLINE}))  # silence: the message again
    says = list(root.iter("Say"))
    assert says[0].text == "다시 한 번 말씀드리겠습니다."
    assert {say.get("language") for say in says} == {"ko-KR"}
    assert message.body in [say.text for say in says]


def test_speech_is_heard_in_the_language_it_is_asked_in():
    response = VoiceResponse()
    gather(response, "https://example.jp/x", speech=True, language="vi")
    gather(response, "https://example.jp/y", speech=True, language="fr")
    root = twiml_of_response(response)
    assert [g.get("language") for g in root.iter("Gather")] == ["vi-VN", "ja-JP"]


def twiml_of(message):
    return twiml_of_response(outbound_call_twiml(message))


def twiml_of_response(response):
    import xml.etree.ElementTree as ET

    return ET.fromstring(str(response))  # noqa: S314 (our own TwiML)


@pytest.mark.parametrize("language", ["en", "ko", "pt-br"])
def test_a_call_in_another_language_names_the_class_by_its_topic(clock, language):
    """A class's own title is Japanese only: a voice of another language reads the topic's."""
    clock.set(jst(2030, 5, 18, 10, 0))
    session = ClassSessionFactory(starts_at=jst(2030, 5, 20, 13, 30), title="「LINE」入門")
    registration = RegistrationFactory(
        session=session, resident=ResidentFactory(phone=LANDLINE, language=language)
    )
    message = planning.queue_message(registration, Purpose.REMINDER, occasion="2@10:00")
    assert session.topic.title_en in message.body
    assert "入門" not in message.body
    japanese = RegistrationFactory(session=session, resident=ResidentFactory(phone="+81427009999"))
    assert "LINE入門" in planning.queue_message(japanese, Purpose.REMINDER, occasion="2@10:00").body


def test_a_vietnamese_call_names_the_class_in_vietnamese(clock):
    """The topic's own Vietnamese title (Topic.text_in), not its English one.

    (The texts by SMS are short and name no class.)"""
    clock.set(jst(2030, 5, 18, 10, 0))
    session = ClassSessionFactory(
        starts_at=jst(2030, 5, 20, 13, 30),
        topic__translations={"vi": {"title": "Gọi điện và máy ảnh"}},
    )
    registration = RegistrationFactory(
        session=session, resident=ResidentFactory(phone=LANDLINE, language="vi")
    )
    message = planning.queue_message(registration, Purpose.REMINDER, occasion="2@10:00")
    assert "Gọi điện và máy ảnh" in message.body
    assert session.topic.title_en not in message.body
