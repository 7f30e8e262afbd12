"""TwiML for automated calls and the voice menu, in easy spoken Japanese (or English).

The menu is in Japanese, or English after 7. An automated call to a registration
speaks its message's language, in that language's Twilio voice (VOICES).

Older callers need time: every prompt is short, numbers are read slowly, the
important part is said twice, and a caller who presses nothing or a wrong key
hears the choices again, twice, before the call ends politely (RETRIES).
"""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from twilio.twiml.voice_response import Gather, VoiceResponse

from messaging.models import Message, Purpose
from messaging.texts import speakable, spoken_name, spoken_when
from messaging.voice_words import choices, words

JA = "ja-JP"
EN = "en-US"
# A message's language → the language attribute of <Say> and <Gather> (Twilio's
# codes: Mandarin is cmn-CN). Easy Japanese is spoken by the Japanese voice.
VOICES = {
    "ja": JA,
    "ja-x-easy": JA,
    "en": EN,
    "zh-hans": "cmn-CN",
    "ko": "ko-KR",
    "vi": "vi-VN",
    "pt-br": "pt-BR",
}
# Words Twilio's Japanese speech recognition listens for in the main menu.
MENU_HINTS = "いち,に,ゼロ,教室,さがす,申し込み,たしかめる,取り消し,係の人,窓口,English"
# Purposes after which the resident may answer 1 (coming) or 9 (cancel).
ANSWERABLE = {Purpose.CONFIRMATION, Purpose.REMINDER, Purpose.PROMOTION, Purpose.CLASS_MOVED}
# How many times the choices are said again after silence or a wrong key.
RETRIES = 2

_DIGITS = {
    "ja": ("ゼロ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
}


def url(path: str, **params) -> str:
    """A menu address; empty parameters are left out (the first try, Japanese)."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "", 0)})
    base = f"{settings.PUBLIC_BASE_URL}/twilio/{path}"
    return f"{base}{'&' if '?' in path else '?'}{query}" if query else base


def voice(language: str | None) -> str:
    """The Twilio language code that speaks (and hears) `language`; Japanese for any other."""
    return VOICES.get((language or "").lower(), JA)


def say(target, text: str, language: str = "ja") -> None:
    target.say(text, language=voice(language))


def gather(
    response: VoiceResponse,
    action: str,
    *,
    digits: int = 1,
    speech: bool = False,
    hints: str = MENU_HINTS,
    language: str = "ja",
) -> Gather:
    """Wait for a key (or speech); silence too goes to `action`, which says the choices again."""
    options = {
        "action": action,
        "method": "POST",
        "num_digits": digits,
        "timeout": 8,
        "action_on_empty_result": True,
    }
    if speech:
        options.update(
            input="dtmf speech",
            language=voice(language),
            hints=hints,
            speech_timeout="auto",
        )
    else:
        options["input"] = "dtmf"
    return response.gather(**options)


def spoken_number(number: str, language: str = "ja") -> str:
    """A phone number digit by digit, a pause at each hyphen: 「ゼロ よん に、…」."""
    groups = [g for g in re.split(r"[^\d]+", number) if g]
    names = _DIGITS["en" if language == "en" else "ja"]
    return ", ".join(" ".join(names[int(d)] for d in group) for group in groups).replace(
        ", ", "、" if language != "en" else ", "
    )


def _localized(obj, field: str, language: str) -> str:
    english = language == "en" and getattr(obj, f"{field}_en", "")
    return english or getattr(obj, field)


def spoken_class(session, number: int | None = None, language: str = "ja") -> str:
    start = session.starts_at
    seats = getattr(session, "seats_left", None)
    full = " " + words("full", language) if seats is not None and seats <= 0 else ""
    venue = speakable(spoken_name(session.venue, language))
    # A class's own title is in Japanese only; its topic's has an English one.
    title = speakable(session.title or _localized(session.topic, "title", language))
    if language == "en":
        prefix = f"Number {number}. " if number else ""
        return f"{prefix}{spoken_when(start, 'en')}, at {venue}: {title}.{full}"
    prefix = f"{number}番。" if number else ""
    return f"{prefix}{spoken_when(start, 'ja')}から、{venue}で、{title}。{full}"


def outbound_call(response: VoiceResponse, message: Message, tries: int = 0) -> None:
    """An automated call: the message twice, then 1 (coming) or 9 (cancel).

    Silence or another key comes back to voice/answer/ with the next `try`,
    which plays this again (RETRIES times).
    """
    language = message.language if message.language in VOICES else "ja"
    answerable = message.purpose in ANSWERABLE and message.registration_id
    target = response
    if answerable:
        action = url(f"voice/answer/{message.uuid}/", **{"try": tries})
        target = gather(response, action, language=language)
    say(target, message.body, language)
    target.pause(length=1)
    say(target, words("again", language), language)
    say(target, message.body, language)
    if answerable:
        say(target, choices("answer", language), language)
    else:
        say(response, words("goodbye", language), language)


def outbound_call_twiml(message: Message) -> str:
    response = VoiceResponse()
    outbound_call(response, message)
    return str(response)


def xml(response: VoiceResponse):
    return HttpResponse(str(response), content_type="text/xml; charset=utf-8")
