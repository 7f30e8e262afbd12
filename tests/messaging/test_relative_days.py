"""Reminders say today or tomorrow in every language, in a sentence that reads right."""

import pytest

from messaging import texts
from messaging.default_texts import DEFAULT_TEXTS
from messaging.models import MessageTemplate, Purpose
from messaging.services import planning
from tests.factories import ClassSessionFactory, RegistrationFactory, ResidentFactory
from tests.messaging.conftest import jst

CLASS_START = jst(2030, 5, 20, 9, 0)  # a Monday morning; 00:00 UTC on the 20th
MOBILE = "+819055556666"
LANDLINE = "+81427001234"

# (language, today, tomorrow, the date two days ahead as an SMS writes it)
WORDS = [
    ("ja", "今日", "明日", "5月20日（月）"),
    ("en", "today", "tomorrow", "Mon 20 May"),
    ("zh-hans", "今天", "明天", "5月20日（周一）"),
    ("ko", "오늘", "내일", "5월 20일(월)"),
    ("vi", "ngày hôm nay", "ngày mai", "Thứ Hai 20/5"),
    ("pt-br", "hoje", "amanhã", "seg 20/5"),
]

# How each language's SMS reminder reads with the day word in it.
SMS_SENTENCES = {
    "ja": "スマホ教室は {day} 午前9時から",
    "en": "your smartphone class is {day} at 09:00,",
    "zh-hans": "智能手机讲座将于{day} 9:00在",
    "ko": "일시: {day} 오전 9시,",
    "vi": "của quý vị vào {day} lúc 9:00",
    "pt-br": "sua aula de smartphone é {day} às 9h,",
}
VOICE_SENTENCES = {
    "ja": "教室は、{day}、午前9時から",
    "en": "is {day} at 9 a.m., at",
    "zh-hans": "时间是{day}，上午9点开始",
    "ko": "교실은 {day}, 오전 9시부터",
    "vi": "vào {day}, lúc 9 giờ sáng,",
    "pt-br": "é {day}, às 9 horas,",
}


@pytest.mark.parametrize("language, today, tomorrow, date", WORDS)
def test_relative_day_in_each_language(language, today, tomorrow, date):
    assert texts.relative_day(CLASS_START, language, jst(2030, 5, 20, 8, 0)) == today
    assert texts.relative_day(CLASS_START, language, jst(2030, 5, 19, 18, 0)) == tomorrow
    assert texts.relative_day(CLASS_START, language, jst(2030, 5, 18, 10, 0)) is None
    # Not a reminder (no moment of sending): the date.
    assert texts.relative_day(CLASS_START, language, None) is None


@pytest.mark.parametrize("language", [w[0] for w in WORDS])
def test_the_day_is_counted_in_japan_time_across_midnight(language):
    """23:59 on the 19th in Tokyo is 14:59 UTC on the 19th, 00:01 on the 20th is
    15:01 UTC on the 19th: the same UTC day, two different Japanese days."""
    day_words = texts.RELATIVE_DAYS[language]
    assert texts.relative_day(CLASS_START, language, jst(2030, 5, 19, 23, 59)) == day_words[1]
    assert texts.relative_day(CLASS_START, language, jst(2030, 5, 20, 0, 1)) == day_words[0]


def test_every_text_language_has_its_day_words():
    assert set(texts.RELATIVE_DAYS) == set(texts.TEXT_LANGUAGES)


def _registration(language, phone=MOBILE):
    return RegistrationFactory(
        session=ClassSessionFactory(starts_at=CLASS_START),
        resident=ResidentFactory(phone=phone, language=language, name="Lê Văn Minh"),
        language=language,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language, today, tomorrow, date", WORDS)
def test_an_sms_reminder_says_today_tomorrow_or_the_date(language, today, tomorrow, date):
    registration = _registration(language)
    sentence = SMS_SENTENCES[language]
    for sent_at, day in (
        (jst(2030, 5, 20, 8, 0), today),
        (jst(2030, 5, 19, 18, 0), tomorrow),
        (jst(2030, 5, 18, 10, 0), date),
    ):
        message = planning.build_message(registration, Purpose.REMINDER, due_at=sent_at)
        assert message.language == language
        assert sentence.format(day=day) in message.body, (sent_at, message.body)


@pytest.mark.django_db
@pytest.mark.parametrize("language, today, tomorrow, date", WORDS)
def test_a_voice_reminder_says_today_or_tomorrow(language, today, tomorrow, date):
    registration = _registration(language, phone=LANDLINE)
    sentence = VOICE_SENTENCES[language]
    for sent_at, day in ((jst(2030, 5, 20, 8, 0), today), (jst(2030, 5, 19, 18, 0), tomorrow)):
        message = planning.build_message(registration, Purpose.REMINDER, due_at=sent_at)
        assert message.channel == "voice"
        assert sentence.format(day=day) in message.body, (sent_at, message.body)
    # Two days ahead, the date in words.
    message = planning.build_message(registration, Purpose.REMINDER, due_at=jst(2030, 5, 18, 10, 0))
    assert texts.spoken_when(CLASS_START, language, time=False) in message.body


@pytest.mark.django_db
def test_other_messages_keep_the_date():
    registration = _registration("en")
    message = planning.build_message(
        registration, Purpose.CONFIRMATION, due_at=jst(2030, 5, 19, 18, 0)
    )
    assert "class on Mon 20 May at 09:00" in message.body


@pytest.mark.django_db
def test_a_coordinators_english_text_written_on_date_still_reads_right():
    MessageTemplate.objects.create(
        purpose=Purpose.REMINDER,
        language="en",
        channel="sms",
        body="{name}, your class is on {date} at {time}. Questions: {desk}",
    )
    registration = _registration("en")
    tomorrow = planning.build_message(registration, Purpose.REMINDER, due_at=jst(2030, 5, 19, 18))
    later = planning.build_message(registration, Purpose.REMINDER, due_at=jst(2030, 5, 18, 10))
    assert "your class is tomorrow at 09:00." in tomorrow.body
    assert "your class is on Mon 20 May at 09:00." in later.body


def test_the_built_in_reminders_never_write_a_preposition_before_a_day_word():
    for (purpose, language, _channel), body in DEFAULT_TEXTS.items():
        if purpose == Purpose.REMINDER:
            assert "on {date}" not in body and "de {date}" not in body, language
