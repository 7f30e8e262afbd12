"""Messages in the resident's language: the texts, their dates, the fallback to Japanese."""

import re

import pytest

from messaging import texts
from messaging.default_texts import DEFAULT_TEXTS
from messaging.models import Message, MessageTemplate, Purpose
from messaging.services import planning
from tests.factories import ClassSessionFactory, RegistrationFactory, ResidentFactory
from tests.messaging.conftest import jst

OTHER_LANGUAGES = ("zh-hans", "ko", "vi", "pt-br")
MOBILE = "+819011112222"


def _placeholders(body: str) -> set[str]:
    return set(re.findall(r"\{([a-z]+)\}", body))


def test_every_english_text_has_a_text_in_each_language():
    english = {
        (purpose, channel) for (purpose, language, channel) in DEFAULT_TEXTS if language == "en"
    }
    assert len(english) == 13
    for language in OTHER_LANGUAGES:
        own = {(p, c) for (p, lang, c) in DEFAULT_TEXTS if lang == language}
        assert own == english, language


def test_each_text_has_exactly_the_placeholders_of_the_japanese_one():
    for (purpose, language, channel), body in DEFAULT_TEXTS.items():
        japanese = DEFAULT_TEXTS[(purpose, "ja", channel)]
        assert _placeholders(body) == _placeholders(japanese), (purpose, language, channel)
        assert not texts.unknown_placeholders(body)


def test_sms_texts_stay_short():
    """With a typical name and place, no SMS is longer than three segments, nor more
    than one segment longer than the Japanese text."""
    moment = jst(2030, 12, 3, 10, 0)

    def filled(purpose, language):
        return texts.fill(
            DEFAULT_TEXTS[(purpose, language, "sms")],
            {
                "name": "相模 花子" if language == "ja" else "Nguyen Thi Lan",
                "class": "",
                "date": texts.format_date(moment, language),
                "time": texts.format_time(moment, language),
                "place": "藤野公民館" if language == "ja" else "Fujino Community Hall",
                "desk": "042-769-0000",
                "link": f"https://tsunagu.example.jp/{language}/help/topic/line-basics/",
                "position": "3",
                "manage": f"https://tsunagu.example.jp/{language}/r/{'x' * 22}/",
            },
        )

    for (purpose, language, channel), _body in DEFAULT_TEXTS.items():
        if channel != "sms":
            continue
        used = texts.segments(filled(purpose, language))
        assert used <= 3, (purpose, language, used)
        assert used <= texts.segments(filled(purpose, "ja")) + 1, (purpose, language, used)


@pytest.mark.parametrize(
    "language, written, clock, spoken",
    [
        ("ja", "12月3日（火）", "午前10時", "12月3日 火曜日 午前10時"),
        ("en", "Tue 3 Dec", "10:00", "Tuesday, December 3, 10 a.m."),
        ("zh-hans", "12月3日（周二）", "10:00", "12月3日星期二 上午10点"),
        ("ko", "12월 3일(화)", "오전 10시", "12월 3일 화요일 오전 10시"),
        ("vi", "Thứ Ba 3/12", "10:00", "thứ Ba, ngày 3 tháng 12, 10 giờ sáng"),
        ("pt-br", "ter 3/12", "10h", "terça-feira, 3 de dezembro, 10 horas"),
    ],
)
def test_dates_in_each_language(language, written, clock, spoken):
    moment = jst(2030, 12, 3, 10, 0)
    assert texts.format_date(moment, language) == written
    assert texts.format_time(moment, language) == clock
    assert texts.spoken_when(moment, language) == spoken


@pytest.mark.parametrize(
    "language, written, spoken",
    [
        ("zh-hans", "13:30", "下午1点30分"),
        ("ko", "오후 1시 30분", "오후 1시 30분"),
        ("vi", "13:30", "1 giờ 30 phút chiều"),
        ("pt-br", "13h30", "13 horas e 30"),
    ],
)
def test_afternoon_times_in_each_language(language, written, spoken):
    moment = jst(2031, 1, 8, 13, 30)
    assert texts.format_time(moment, language) == written
    assert texts.spoken_when(moment, language, date=False) == spoken


def test_noon_is_said_as_noon():
    noon = jst(2030, 6, 1, 12, 0)
    said = {language: texts.spoken_when(noon, language, date=False) for language in OTHER_LANGUAGES}
    assert said == {
        "zh-hans": "中午12点",
        "ko": "낮 12시",
        "vi": "12 giờ trưa",
        "pt-br": "12 horas",
    }


@pytest.mark.parametrize(
    "registered, written_in",
    [
        ("ja", "ja"),
        ("ja-x-easy", "ja"),
        ("en", "en"),
        ("en-GB", "en"),
        ("zh-hans", "zh-hans"),
        ("ko", "ko"),
        ("vi", "vi"),
        ("pt-br", "pt-br"),
        ("pt", "pt-br"),
        ("fr", "ja"),
        ("", "ja"),
        (None, "ja"),
    ],
)
def test_the_language_a_registration_is_written_to(registered, written_in):
    assert texts.text_language(registered) == written_in


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_a_name_not_yet_known_leaves_the_salutation_out(language):
    body = DEFAULT_TEXTS[(Purpose.REMINDER, language, "sms")]
    filled = texts.fill(body, {"name": "", "date": "d", "time": "t", "place": "p", "desk": "n"})
    assert "{" not in filled
    assert not filled.startswith(("，", ",", "님", " "))
    assert filled[0] == filled[0].upper()


# --- the one function that decides ----------------------------------------------------


def test_each_language_gets_its_own_text():
    for language in OTHER_LANGUAGES:
        assert texts.message_text(Purpose.REMINDER, language, "sms", {}) == (
            language,
            DEFAULT_TEXTS[(Purpose.REMINDER, language, "sms")],
        )


def test_a_language_without_a_text_falls_back_to_japanese(monkeypatch):
    monkeypatch.delitem(DEFAULT_TEXTS, (Purpose.CLASS_MOVED, "ko", "voice"))
    japanese = DEFAULT_TEXTS[(Purpose.CLASS_MOVED, "ja", "voice")]
    assert texts.message_text(Purpose.CLASS_MOVED, "ko", "voice", {}) == ("ja", japanese)
    assert texts.message_text(Purpose.CLASS_MOVED, "fr", "voice", {}) == ("ja", japanese)
    # Nothing in any language: not sent.
    assert texts.message_text(Purpose.FOLLOW_UP, "ko", "voice", {}) is None


def test_a_coordinators_text_wins_over_the_built_in_one():
    key = (Purpose.REMINDER, "vi", "sms")
    custom = {key: "Nhắc {name}: {date}"}
    assert texts.message_text(*key, custom) == ("vi", "Nhắc {name}: {date}")
    # …and over the Japanese fallback of a language with no text.
    custom = {(Purpose.REMINDER, "ja", "sms"): "お知らせ {date}"}
    assert texts.message_text(Purpose.REMINDER, "fr", "sms", custom) == ("ja", "お知らせ {date}")


# --- messages to registrations --------------------------------------------------------


def _registration(language, phone=MOBILE):
    session = ClassSessionFactory(starts_at=jst(2030, 5, 20, 10, 0))
    resident = ResidentFactory(phone=phone, language=language, name="Lê Văn Minh")
    return RegistrationFactory(session=session, resident=resident)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, opening, date",
    [
        ("zh-hans", "Lê Văn Minh，您好。您已报名", "5月20日（周一）"),
        ("ko", "Lê Văn Minh님, 스마트폰 교실 신청이", "5월 20일(월)"),
        ("vi", "Lê Văn Minh, quý vị đã đăng ký", "Thứ Hai 20/5"),
        ("pt-br", "Lê Văn Minh, inscrição confirmada", "seg 20/5"),
    ],
)
def test_a_confirmation_is_written_in_the_registrations_language(clock, language, opening, date):
    registration = _registration(language)
    message = planning.queue_message(registration, Purpose.CONFIRMATION)
    assert message.language == language
    assert message.body.startswith(opening)
    assert date in message.body
    # The class's place as the site names it in that language, the page in that language.
    assert registration.session.venue.name_en in message.body
    assert f"/{language}/r/{registration.manage_token}/" in message.body
    assert message.segments == texts.segments(message.body)


@pytest.mark.django_db
def test_easy_japanese_gets_the_japanese_text_and_easy_japanese_pages(clock):
    registration = _registration("ja-x-easy")
    message = planning.queue_message(registration, Purpose.CONFIRMATION)
    assert message.language == "ja"
    assert message.body.startswith("Lê Văn Minhさん スマホ教室の")
    assert f"/ja-x-easy/r/{registration.manage_token}/" in message.body


@pytest.mark.django_db
def test_a_saved_coordinators_text_for_a_language_is_used(clock):
    MessageTemplate.objects.create(
        purpose=Purpose.CONFIRMATION, language="ko", channel="sms", body="{name}님 {date} 확인"
    )
    message = planning.queue_message(_registration("ko"), Purpose.CONFIRMATION)
    assert message.body == "Lê Văn Minh님 5월 20일(월) 확인"
    assert Message.objects.get().language == "ko"


@pytest.mark.parametrize(
    "language, prefix",
    [("ja", ""), ("ja-x-easy", "/ja-x-easy"), ("en", "/en"), ("ko", "/ko"), ("fr", ""), ("", "")],
)
def test_links_open_the_pages_in_the_registrations_language(settings, language, prefix):
    settings.PUBLIC_BASE_URL = "https://tsunagu.example.jp"
    assert texts.help_link("line-basics", language) == (
        f"https://tsunagu.example.jp{prefix}/help/topic/line-basics/"
    )
