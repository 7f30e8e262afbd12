"""TwiML for automated calls and the voice menu, in easy spoken Japanese.

Older callers need time: every prompt is short, numbers are read slowly, the
important part is said twice, and a caller who presses nothing hears the
prompt again once before the call ends politely.
"""

from django.conf import settings
from django.http import HttpResponse
from twilio.twiml.voice_response import Gather, VoiceResponse

from messaging.models import Message, Purpose
from messaging.texts import format_date, format_time

JA = "ja-JP"
EN = "en-US"
# Words Twilio's Japanese speech recognition listens for in the main menu.
MENU_HINTS = "いち,に,ゼロ,教室,申し込み,取り消し,係の人,窓口"
# Purposes after which the resident may answer 1 (coming) or 9 (cancel).
ANSWERABLE = {Purpose.CONFIRMATION, Purpose.REMINDER, Purpose.PROMOTION, Purpose.CLASS_MOVED}


def url(path: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}/twilio/{path}"


def say(target, text: str, language: str = "ja") -> None:
    target.say(text, language=EN if language == "en" else JA)


def gather(
    response: VoiceResponse, action: str, *, digits: int = 1, speech: bool = False
) -> Gather:
    options = {"action": url(action), "method": "POST", "num_digits": digits, "timeout": 8}
    if speech:
        options.update(input="dtmf speech", language=JA, hints=MENU_HINTS, speech_timeout="auto")
    else:
        options["input"] = "dtmf"
    return response.gather(**options)


def outbound_call_twiml(message: Message) -> str:
    """An automated call: the message twice, then 1 to confirm or 9 to cancel."""
    response = VoiceResponse()
    english = message.language == "en"
    answerable = message.purpose in ANSWERABLE and message.registration_id
    target = gather(response, f"voice/answer/{message.uuid}/") if answerable else response
    say(target, message.body, message.language)
    target.pause(length=1)
    say(target, "Once more." if english else "もう 一度 言います。", message.language)
    say(target, message.body, message.language)
    if answerable:
        say(
            target,
            "If you are coming, press 1. To cancel, press 9."
            if english
            else "来られる ときは 1を、取り消す ときは 9を 押して ください。",
            message.language,
        )
    say(
        response,
        "Thank you. Goodbye." if english else "ありがとう ございました。",
        message.language,
    )
    return str(response)


def spoken_class(session, number: int | None = None) -> str:
    start = session.starts_at
    seats = getattr(session, "seats_left", None)
    full = (
        " 今は いっぱいで、キャンセル待ちに なります。" if seats is not None and seats <= 0 else ""
    )
    prefix = f"{number}番。" if number else ""
    return (
        f"{prefix}{format_date(start, 'ja')}、{format_time(start, 'ja')}から、"
        f"{session.venue.name}で、{session.display_title}。{full}"
    )


def xml(response: VoiceResponse):
    return HttpResponse(str(response), content_type="text/xml; charset=utf-8")
