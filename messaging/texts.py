"""What a message says: which text a registration gets, and how a text is filled in.

The built-in wording is in messaging.default_texts: easy Japanese (やさしい日本語:
short sentences, spaces between phrases, no difficult kanji), English, Chinese,
Korean, Vietnamese and Brazilian Portuguese. Residents who chose easy Japanese
get the Japanese texts; a language without a text for a message gets the
easy-Japanese one, the city's usual practice for foreign residents (message_text).

Coordinators may override any text (MessageTemplate); a text may only use the
placeholders below, so a coordinator cannot break a message by a typo.
"""

import datetime as dt
import re

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from messaging.dates import format_date, format_time, spoken_when
from messaging.default_texts import BY_LANGUAGE, DEFAULT_TEXTS
from messaging.models import Channel, MessageTemplate
from messaging.romaji import romanize

PLACEHOLDERS = {
    "name": _("お名前"),
    "class": _("教室の名前"),
    "date": _("日付（前日と当日のお知らせでは「明日」「今日」）"),
    "time": _("始まる時間"),
    "place": _("会場"),
    "desk": _("窓口の電話番号"),
    "link": _("ヘルプのページ（教室のあと）"),
    "position": _("キャンセル待ちの順番"),
    "manage": _("申込の確認・取り消しのページ"),
}
_PLACEHOLDER = re.compile(r"\{([a-z]+)\}")

SMS = Channel.SMS
VOICE = Channel.VOICE

# The languages with texts of their own (messaging.default_texts), Japanese first.
TEXT_LANGUAGES = tuple(BY_LANGUAGE)
# A registration's language → the texts it gets, where they are not its own.
# Easy Japanese is what the Japanese texts are written in already.
TEXT_LANGUAGE_OF = {"ja-x-easy": "ja"}
FALLBACK_LANGUAGE = "ja"
# Brackets are read aloud or make the voice pause oddly: titles are said without them.
_BRACKETS = re.compile(r"[「」『』【】〈〉《》\"“”]")
_PARENS = re.compile(r"\s*[（(]([^）)]*)[）)]\s*")


def text_language(language: str | None) -> str:
    """The language a registration's messages are written in (Japanese when it has no texts).

    A region or script the texts do not distinguish counts as its language ("en-GB"
    is English, "pt" Brazilian Portuguese); anything else gets the easy-Japanese texts.
    """
    code = (language or FALLBACK_LANGUAGE).lower().replace("_", "-")
    code = TEXT_LANGUAGE_OF.get(code, code)
    if code in TEXT_LANGUAGES:
        return code
    base = code.split("-")[0]
    for known in TEXT_LANGUAGES:
        if known.split("-")[0] == base:
            return known
    return FALLBACK_LANGUAGE


def language_name(language: str) -> str:
    """A text's language as the site's language switcher names it (in itself: 한국어)."""
    return dict(settings.LANGUAGES).get(language, language)


def unknown_placeholders(body: str) -> list[str]:
    return sorted({m for m in _PLACEHOLDER.findall(body) if m not in PLACEHOLDERS})


# "{name}さん、" or "{name}, " and the like: the salutation a message drops when the
# name is not known (a voice-menu registration the desk has not called back yet).
_SALUTATION = re.compile(r"\{name\}(?:さん|様|님)?[、,，]?\s*")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([^\W\d_])")
# English says "on Wed 3 Dec" but "tomorrow": a coordinator's text that writes
# "on {date}" still reads right when {date} is a day word (relative_day).
_ON_DATE = re.compile(r"\bon (?=\{date\})")
_ENGLISH_DAY_WORDS = frozenset(("today", "tomorrow"))


def fill(body: str, values: dict[str, str]) -> str:
    if not values.get("name", True):
        body = _SALUTATION.sub("", body)
        body = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), body)
    if values.get("date") in _ENGLISH_DAY_WORDS:
        body = _ON_DATE.sub("", body)
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), body)


def custom_texts() -> dict[tuple[str, str, str], str]:
    """Every coordinator's wording, read once for a batch (planning 10,000 reminders)."""
    return {
        (t.purpose, t.language, t.channel): t.body
        for t in MessageTemplate.objects.only("purpose", "language", "channel", "body")
    }


def template_body(purpose: str, language: str, channel: str, custom=None) -> str | None:
    """The coordinators' wording if they set one, else the built-in one (None: not sent)."""
    if custom is not None:
        return custom.get((purpose, language, channel)) or DEFAULT_TEXTS.get(
            (purpose, language, channel)
        )
    row = (
        MessageTemplate.objects.filter(purpose=purpose, language=language, channel=channel)
        .values_list("body", flat=True)
        .first()
    )
    return row or DEFAULT_TEXTS.get((purpose, language, channel))


def message_text(
    purpose: str, language: str | None, channel: str, custom=None
) -> tuple[str, str] | None:
    """(the language it is written in, the text) of a message to a registration in `language`.

    The one place that decides: the text of the registration's language
    (text_language), a coordinator's wording before the built-in one; where that
    language has no text for the purpose and channel, the easy-Japanese one.
    None when no language has one (a follow-up by voice: a link cannot be read aloud).
    """
    wanted = text_language(language)
    for candidate in dict.fromkeys((wanted, FALLBACK_LANGUAGE)):
        body = template_body(purpose, candidate, channel, custom)
        if body:
            return candidate, body
    return None


# A reminder read on the class's day or the day before says so in words, in
# every language: 「明日」 or "tomorrow" is what an older reader takes in at a
# glance, where 「12月7日（月）」 sends them to a calendar. The word stands where
# {date} stands, so each language's reminder is written to read right with a
# date or a day word: "is {date} at" (not "is on {date}"), 「将于{date}」,
# 「일시: {date}」, "vào {date}", "é {date}". Written and said alike.
RELATIVE_DAYS = {
    "ja": {0: "今日", 1: "明日"},
    "en": {0: "today", 1: "tomorrow"},
    "zh-hans": {0: "今天", 1: "明天"},
    "ko": {0: "오늘", 1: "내일"},
    "vi": {0: "ngày hôm nay", 1: "ngày mai"},
    "pt-br": {0: "hoje", 1: "amanhã"},
}


def relative_day(starts_at: dt.datetime, language: str, sent_at: dt.datetime | None) -> str | None:
    """「今日」/「明日」 ("today"/"tomorrow", 「明天」, "내일"…) when a message in
    `language` sent at `sent_at` is about a class that day or the next (Japan time);
    None otherwise, and the date is written instead."""
    if sent_at is None:
        return None
    days = (timezone.localdate(starts_at) - timezone.localdate(sent_at)).days
    return RELATIVE_DAYS.get(language, {}).get(days)


def speakable(text: str) -> str:
    """A title or name as it is said: no brackets, a parenthesis becomes a pause."""
    text = _PARENS.sub(lambda m: f"、{m[1]}、", text)
    return _BRACKETS.sub("", text).strip("、 ")


# Languages written in the Latin alphabet: their SMS add a Japanese-only venue
# name in letters. Chinese and Korean texts keep the name as it is: Latin letters
# are no nearer their script than the kanji on the sign.
LATIN_SCRIPT = frozenset(("en", "vi", "pt-br"))


def spoken_name(place, language: str) -> str:
    """A venue's or district's name as a call in `language` says it.

    Japanese calls say the Japanese name. A Mandarin voice reads 藤野公民館 in
    Chinese, which a Chinese listener understands (and Latin letters it would
    spell out), so Chinese calls say it too where there is no English name. Other
    voices cannot read it: they say the English name, else the reading in Latin
    letters ("Fujino Kominkan", messaging.romaji), else the Japanese name.
    """
    if language == "ja":
        return place.name
    if language == "zh-hans":
        return place.name_en or place.name
    return place.name_en or romanize(place.name_kana) or place.name


def written_place(venue, language: str) -> str:
    """A venue's name as an SMS in `language` writes it.

    The English name where there is one; otherwise the Japanese name, which
    matches the sign at the door, with the reading in Latin letters after it for
    a reader of the Latin alphabet: "藤野公民館 (Fujino Kominkan)".
    """
    if language == "ja":
        return venue.name
    if venue.name_en:
        return venue.name_en
    romaji = romanize(venue.name_kana) if language in LATIN_SCRIPT else ""
    return f"{venue.name} ({romaji})" if romaji else venue.name


def page_prefix(language: str | None) -> str:
    """The address prefix of a resident's pages in their language ("" for Japanese, "/ko"…)."""
    code = (language or "").lower()
    known = {c for c, _name in settings.LANGUAGES}
    if code not in known:
        code = text_language(code)
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


def help_link(topic_slug: str, language: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}{page_prefix(language)}/help/topic/{topic_slug}/"


def manage_link(token: str, language: str) -> str:
    """The resident's own page for a registration (outreach:registration-manage).

    In every confirmation, so a resident whose browser never showed the answer
    (a dropped connection, a closed tab) still has their place, and a way to
    see or cancel it without calling the desk.
    """
    return f"{settings.PUBLIC_BASE_URL}{page_prefix(language)}/r/{token}/"


def registration_values(
    registration,
    language: str,
    *,
    position: int | None = None,
    channel: str = SMS,
    sent_at=None,
) -> dict:
    """The placeholders' values for one registration, in the message's language.

    A call says dates and times in words and titles without brackets (spoken_when).
    Texts in a language other than Japanese name the class as the site does in
    that language (Topic.text_in: its own name, else English), and the place by its
    English name, else as spoken_name and written_place say; links open the
    pages in the registration's own language (easy Japanese at /ja-x-easy/).

    The name is the one given for this registration ("" while a voice-menu
    registration waits for the desk to ask it: never a stand-in, never someone
    else's on file). With `sent_at` (the moment a reminder goes out), {date}
    is 「今日」 or 「明日」 ("today", "tomorrow"…) when the class is that day or the
    next (relative_day).
    """
    session = registration.session
    venue = session.venue
    topic = session.topic
    topic_title = topic.text_in("title", language)
    title = session.title or topic_title
    if channel == VOICE and language != "ja" and topic_title != topic.title:
        # A class's own title is in Japanese only, which another language's voice
        # cannot read: a call names the class by its topic.
        title = topic_title
    if channel == VOICE:
        date = spoken_when(session.starts_at, language, time=False)
        time = spoken_when(session.starts_at, language, date=False)
        title, place = speakable(title), speakable(spoken_name(venue, language))
    else:
        place = written_place(venue, language)
        date = format_date(session.starts_at, language)
        time = format_time(session.starts_at, language)
    # 「今日」「明日」, "today"…, written and said the same way.
    date = relative_day(session.starts_at, language, sent_at) or date
    # The pages in the registration's own language, even when the text fell back to Japanese.
    pages = registration.language or language
    return {
        "name": registration.name if registration.name_confirmed else "",
        "class": title,
        "date": date,
        "time": time,
        "place": place,
        "desk": settings.DESK_PHONE_NUMBER,
        "link": help_link(topic.slug, pages),
        "position": str(position or ""),
        "manage": manage_link(registration.manage_token, pages),
    }


def segments(body: str) -> int:
    """SMS segments Twilio bills: 160/153 GSM characters, or 70/67 for Japanese (UCS-2)."""
    if all(ord(ch) < 128 for ch in body):
        single, multi = 160, 153
    else:
        single, multi = 70, 67
    length = len(body)
    return 1 if length <= single else -(-length // multi)
