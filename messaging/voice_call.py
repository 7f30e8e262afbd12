"""One request of a voice call: who calls, in which language, the key meant, the retries.

The menu's steps (messaging.voice_menu) share these so every step reads keys,
speech and its retry counter the same way.
"""

import re
import unicodedata

from django.conf import settings
from django.utils import translation
from twilio.twiml.voice_response import VoiceResponse

from core.params import positive_int
from messaging.voice import RETRIES, say, url
from messaging.voice_words import words
from messaging.webhooks import caller_number

# The key that switches the rest of the call to English (offered in Japanese calls).
ENGLISH_KEY = "7"
# Words heard for a key, when the caller speaks instead of pressing.
SPOKEN_KEYS = (
    ("0", ("ゼロ", "ぜろ", "れい", "係", "窓口", "相談", "zero", "desk", "person")),
    ("2", ("取り消", "とりけし", "確認", "たしかめ", "自分", "に番", "二", "two", "check")),
    ("1", ("いち", "一", "教室", "申し込み", "もうしこみ", "さがす", "one", "class", "find")),
    ("7", ("english", "なな", "七", "seven")),
    ("9", ("きゅう", "九", "nine")),
)


class Call:
    """One request of a call: who calls, in which language, and which try of the step."""

    def __init__(self, request):
        self.request = request
        self.language = "en" if request.GET.get("lang") == "en" else "ja"
        tries = request.GET.get("try", "0")
        self.tries = min(positive_int(tries) or 0, RETRIES)
        self.caller = caller_number(request)

    def url(self, path: str, tries: int = 0, **params) -> str:
        lang = "en" if self.language == "en" else ""
        return url(path, **params, lang=lang, **{"try": tries})

    def say(self, target, key: str, **values) -> None:
        say(target, words(key, self.language, **values), self.language)

    def say_text(self, target, text: str) -> None:
        say(target, text, self.language)

    def setting(self, name: str) -> str:
        """A setting that may be translated (the city's name, the desk's hours), in the call's language."""
        with translation.override(self.language):
            return str(getattr(settings, name))


def heard(request) -> str:
    return unicodedata.normalize("NFKC", request.POST.get("SpeechResult", "")).casefold()


def key_meant(request) -> str:
    """The key pressed, or the key meant by the digits or menu words heard."""
    # Only ASCII digits: int() of another digit ("²") fails, of "٣" reads a number.
    digits = re.findall(r"[0-9#*]", unicodedata.normalize("NFKC", request.POST.get("Digits", "")))
    if request.POST.get("Digits"):
        return digits[0] if digits else ""
    heard_text = heard(request)
    found = re.findall(r"[0-9]", heard_text)
    if found:
        return found[0]
    for digit, spoken in SPOKEN_KEYS:
        if any(word in heard_text for word in spoken):
            return digit
    return ""


def again(response: VoiceResponse, call: Call, ask) -> None:
    """Silence or a wrong key: the choices again, RETRIES times, then goodbye."""
    if call.tries >= RETRIES:
        call.say(response, "goodbye")
        response.hangup()
        return
    call.say(response, "again")
    ask(response, call, call.tries + 1)
