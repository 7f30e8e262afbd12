"""What a message says: the built-in wording and how a text is filled in.

Japanese texts are written in easy Japanese (やさしい日本語: short sentences,
spaces between phrases, no difficult kanji), because they are read by older
residents and by residents whose first language is not Japanese. Residents
whose language has no text of its own get the easy-Japanese one, which is the
city's usual practice for foreign residents.

Coordinators may override any text (MessageTemplate); a text may only use the
placeholders below, so a coordinator cannot break a message by a typo.
"""

import datetime as dt
import re

from django.conf import settings
from django.utils import timezone

from messaging.models import Channel, MessageTemplate, Purpose

PLACEHOLDERS = {
    "name": "お名前",
    "class": "教室の名前",
    "date": "日付",
    "time": "始まる時間",
    "place": "会場",
    "desk": "窓口の電話番号",
    "link": "ヘルプのページ（教室のあと）",
    "position": "キャンセル待ちの順番",
    "manage": "申込の確認・取り消しのページ",
}
_PLACEHOLDER = re.compile(r"\{([a-z]+)\}")

P = Purpose
SMS = Channel.SMS
VOICE = Channel.VOICE

DEFAULT_TEXTS: dict[tuple[str, str, str], str] = {
    # --- easy Japanese, SMS ---
    (
        P.CONFIRMATION,
        "ja",
        SMS,
    ): "{name}さん スマホ教室の 申し込みを 受けつけました。{date} {time}から {place}です。申し込みを 取り消す ときは {manage} を 開くか、{desk} へ 電話してください。",
    (
        P.WAITLISTED,
        "ja",
        SMS,
    ): "{name}さん スマホ教室（{date}）は いま いっぱいです。キャンセル待ち {position}番目 です。席が あいたら 連絡します。申し込みを 取り消す ときは {manage}",
    (
        P.REMINDER,
        "ja",
        SMS,
    ): "{name}さん スマホ教室は {date} {time}から {place}です。来られないときは {desk} へ 電話してください。",
    (
        P.PROMOTION,
        "ja",
        SMS,
    ): "{name}さん 席が あきました。スマホ教室 {date} {time}から {place}に 参加できます。来られないときは ここ {manage} か {desk} へ。",
    (
        P.CLASS_CANCELLED,
        "ja",
        SMS,
    ): "{name}さん ごめんなさい。{date}の スマホ教室（{place}）は 中止に なりました。くわしくは {desk} へ。",
    (
        P.CLASS_MOVED,
        "ja",
        SMS,
    ): "{name}さん スマホ教室が 変わりました。新しい 日時は {date} {time}から、会場は {place}です。くわしくは {desk} へ。",
    (
        P.FOLLOW_UP,
        "ja",
        SMS,
    ): "{name}さん スマホ教室に 来てくれて ありがとうございました。わからない ときは ここを 見てください。{link}",
    # --- easy Japanese, voice (read aloud: no links, numbers as words) ---
    (
        P.CONFIRMATION,
        "ja",
        VOICE,
    ): "こちらは {desk} スマホ教室の 窓口です。{name}さんの 申し込みを 受けつけました。{date}、{time}から、{place}です。",
    (
        P.WAITLISTED,
        "ja",
        VOICE,
    ): "こちらは スマホ教室の 窓口です。{date}の 教室は いま いっぱいです。キャンセル待ちの {position}番目です。席が あいたら お電話します。",
    (
        P.REMINDER,
        "ja",
        VOICE,
    ): "こちらは スマホ教室の 窓口です。{name}さん、{class}の 教室は、{date}、{time}から、{place}です。",
    (
        P.PROMOTION,
        "ja",
        VOICE,
    ): "こちらは スマホ教室の 窓口です。席が あきました。{date}、{time}から、{place}の 教室に 参加できます。",
    (
        P.CLASS_CANCELLED,
        "ja",
        VOICE,
    ): "こちらは スマホ教室の 窓口です。ごめんなさい。{date}、{place}の 教室は 中止に なりました。",
    (
        P.CLASS_MOVED,
        "ja",
        VOICE,
    ): "こちらは スマホ教室の 窓口です。教室の 日時か 会場が 変わりました。新しい 日時は {date}、{time}から、会場は {place}です。",
    # --- English ---
    (
        P.CONFIRMATION,
        "en",
        SMS,
    ): "{name}, you are registered for the smartphone class on {date} at {time}, {place}. To see or cancel it: {manage} or call {desk}.",
    (
        P.WAITLISTED,
        "en",
        SMS,
    ): "{name}, the smartphone class on {date} is full. You are number {position} on the waiting list. We will tell you if a seat opens. To see or cancel it: {manage}",
    (
        P.REMINDER,
        "en",
        SMS,
    ): "{name}, your smartphone class is on {date} at {time}, {place}. If you cannot come, please call {desk}.",
    (
        P.PROMOTION,
        "en",
        SMS,
    ): "{name}, a seat opened: you can join the smartphone class on {date} at {time}, {place}. If you cannot come: {manage} or call {desk}.",
    (
        P.CLASS_CANCELLED,
        "en",
        SMS,
    ): "{name}, we are sorry: the smartphone class on {date} at {place} is cancelled. Questions: {desk}.",
    (
        P.CLASS_MOVED,
        "en",
        SMS,
    ): "{name}, your smartphone class has changed: now {date} at {time}, {place}. Questions: {desk}.",
    (
        P.FOLLOW_UP,
        "en",
        SMS,
    ): "{name}, thank you for coming to the smartphone class. Step-by-step help: {link}",
    (
        P.CONFIRMATION,
        "en",
        VOICE,
    ): "This is the smartphone class desk. {name}, you are registered for the class on {date} at {time}, at {place}.",
    (
        P.WAITLISTED,
        "en",
        VOICE,
    ): "This is the smartphone class desk. The class on {date} is full. You are number {position} on the waiting list.",
    (
        P.REMINDER,
        "en",
        VOICE,
    ): "This is the smartphone class desk. {name}, your class, {class}, is on {date} at {time}, at {place}.",
    (
        P.PROMOTION,
        "en",
        VOICE,
    ): "This is the smartphone class desk. A seat opened: you can join the class on {date} at {time}, at {place}.",
    (
        P.CLASS_CANCELLED,
        "en",
        VOICE,
    ): "This is the smartphone class desk. We are sorry: the class on {date} at {place} is cancelled.",
    (
        P.CLASS_MOVED,
        "en",
        VOICE,
    ): "This is the smartphone class desk. Your class has changed. It is now on {date} at {time}, at {place}.",
}

TEXT_LANGUAGES = ("ja", "en")
_WEEKDAYS_JA = "月火水木金土日"
_WEEKDAYS_SPOKEN = ("月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip
# Brackets are read aloud or make the voice pause oddly: titles are said without them.
_BRACKETS = re.compile(r"[「」『』【】〈〉《》\"“”]")
_PARENS = re.compile(r"\s*[（(]([^）)]*)[）)]\s*")


def text_language(language: str | None) -> str:
    """The language a resident's messages are written in (easy Japanese by default)."""
    code = (language or "ja").lower()
    return "en" if code.startswith("en") else "ja"


def unknown_placeholders(body: str) -> list[str]:
    return sorted({m for m in _PLACEHOLDER.findall(body) if m not in PLACEHOLDERS})


# "{name}さん、" or "{name}, " and the like: the salutation a message drops when the
# name is not known (a voice-menu registration the desk has not called back yet).
_SALUTATION = re.compile(r"\{name\}(?:さん|様)?[、,]?\s*")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([a-z])")


def fill(body: str, values: dict[str, str]) -> str:
    if not values.get("name", True):
        body = _SALUTATION.sub("", body)
        body = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), body)
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


def format_date(moment: dt.datetime, language: str) -> str:
    local = timezone.localtime(moment)
    if language == "en":
        return local.strftime("%a %-d %b")
    return f"{local.month}月{local.day}日（{_WEEKDAYS_JA[local.weekday()]}）"


# A reminder read on the class's day or the day before says so in words: 「明日」
# is what an older reader takes in at a glance, where 「12月7日（月）」 sends them
# to a calendar. English texts keep the date: they say "on {date}", and a
# coordinator's own wording may too.
RELATIVE_DAYS_JA = {0: "今日", 1: "明日"}


def format_day(starts_at: dt.datetime, language: str, sent_at: dt.datetime | None = None) -> str:
    """The class's day as a message sent at `sent_at` says it (Japan time).

    「今日」 or 「明日」 in Japanese when the class is that day or the next;
    otherwise, and without `sent_at`, the date (format_date).
    """
    if sent_at is not None and language == "ja":
        days = (timezone.localdate(starts_at) - timezone.localdate(sent_at)).days
        if days in RELATIVE_DAYS_JA:
            return RELATIVE_DAYS_JA[days]
    return format_date(starts_at, language)


def format_time(moment: dt.datetime, language: str) -> str:
    local = timezone.localtime(moment)
    if language == "en":
        return local.strftime("%H:%M")
    half = "午前" if local.hour < 12 else "午後"
    hour = local.hour if local.hour <= 12 else local.hour - 12
    return f"{half}{hour}時" + (f"{local.minute}分" if local.minute else "")


def spoken_when(moment: dt.datetime, language: str = "ja", *, date=True, time=True) -> str:
    """A date and time as said aloud: 「12月3日 水曜日 午前10時」, "Wednesday, December 3, 10 a.m.".

    Everything a call says about when is written by this function: no brackets,
    no abbreviations ("(水)" or "Wed" read by a speech voice is hard to follow),
    and noon is 「お昼の 12時」, which nobody mishears.
    """
    local = timezone.localtime(moment)
    if language == "en":
        day = f"{_WEEKDAYS_EN[local.weekday()]}, {_MONTHS_EN[local.month - 1]} {local.day}"
        hour = local.hour % 12 or 12
        clock = f"{hour}:{local.minute:02d}" if local.minute else f"{hour}"
        at = f"{clock} {'a.m.' if local.hour < 12 else 'p.m.'}"
        return ", ".join(part for part, wanted in ((day, date), (at, time)) if wanted)
    day = f"{local.month}月{local.day}日 {_WEEKDAYS_SPOKEN[local.weekday()]}"
    if local.hour == 12:
        at = "お昼の 12時"
    else:
        at = f"{'午前' if local.hour < 12 else '午後'}{local.hour % 12}時"
    at += f"{local.minute}分" if local.minute else ""
    return " ".join(part for part, wanted in ((day, date), (at, time)) if wanted)


def speakable(text: str) -> str:
    """A title or name as it is said: no brackets, a parenthesis becomes a pause."""
    text = _PARENS.sub(lambda m: f"、{m[1]}、", text)
    return _BRACKETS.sub("", text).strip("、 ")


def help_link(topic_slug: str, language: str) -> str:
    prefix = "/en" if language == "en" else ""
    return f"{settings.PUBLIC_BASE_URL}{prefix}/help/topic/{topic_slug}/"


def manage_link(token: str, language: str) -> str:
    """The resident's own page for a registration (outreach:registration-manage).

    In every confirmation, so a resident whose browser never showed the answer
    (a dropped connection, a closed tab) still has their place, and a way to
    see or cancel it without calling the desk.
    """
    prefix = "/en" if language == "en" else ""
    return f"{settings.PUBLIC_BASE_URL}{prefix}/r/{token}/"


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

    The name is the one given for this registration ("" while a voice-menu
    registration waits for the desk to ask it: never a stand-in, never someone
    else's on file). With `sent_at` (the moment a reminder goes out), {date}
    is 「今日」 or 「明日」 when the class is that day or the next (format_day).
    """
    session = registration.session
    venue = session.venue
    topic = session.topic
    english = language == "en"
    title = session.title or (topic.title_en if english and topic.title_en else topic.title)
    place = venue.name_en if english and venue.name_en else venue.name
    if channel == VOICE:
        date = spoken_when(session.starts_at, language, time=False)
        time = spoken_when(session.starts_at, language, date=False)
        title, place = speakable(title), speakable(place)
    else:
        date = format_date(session.starts_at, language)
        time = format_time(session.starts_at, language)
    if sent_at is not None and format_day(session.starts_at, language, sent_at) != format_date(
        session.starts_at, language
    ):
        # 「今日」「明日」, written and said the same way.
        date = format_day(session.starts_at, language, sent_at)
    return {
        "name": registration.name if registration.name_confirmed else "",
        "class": title,
        "date": date,
        "time": time,
        "place": place,
        "desk": settings.DESK_PHONE_NUMBER,
        "link": help_link(topic.slug, language),
        "position": str(position or ""),
        "manage": manage_link(registration.manage_token, language),
    }


def segments(body: str) -> int:
    """SMS segments Twilio bills: 160/153 GSM characters, or 70/67 for Japanese (UCS-2)."""
    if all(ord(ch) < 128 for ch in body):
        single, multi = 160, 153
    else:
        single, multi = 70, 67
    length = len(body)
    return 1 if length <= single else -(-length // multi)
