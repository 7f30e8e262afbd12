"""Readings the dictionary gets wrong on this site: counters and dates as people say
them, a few words, and the city's place names (from outreach's data, where each
district and venue has its kana).

SudachiPy reads 1日 as いちにち, 30分 as さんじゅうふん, 上溝 as うわみず; a resident
reading furigana should see ついたち, さんじゅっぷん and かみみぞ.
"""

from __future__ import annotations

import time

# Words read as a whole, whatever SudachiPy says (longest match first). Place names
# are not here: they come from the districts' and venues' kana (place_readings).
WORDS = {
    "今日中": "きょうじゅう",
    "言う": "いう",
    "言い": "いい",
    "言っ": "いっ",
    "言わ": "いわ",
    "言え": "いえ",
    "一日中": "いちにちじゅう",
    "何枚": "なんまい",
    "明日": "あした",
    "1人": "ひとり",
    "2人": "ふたり",
    "の 数": "の かず",  # easy Japanese's 人の 数, not にんずう's すう
    "でない方": "でないかた",  # a class's notes: お持ちでない方は (a person, not ほう)
    # Easy Japanese writes 月よう日: alone, 月 is read つき and 日 ひ.
    "月よう日": "げつようび",
    "火よう日": "かようび",
    "水よう日": "すいようび",
    "木よう日": "もくようび",
    "金よう日": "きんようび",
    "土よう日": "どようび",
    "日よう日": "にちようび",
    # The day of the week after a date, 12月1日（火）: alone, 火 would be read ひ.
    "（月）": "（げつ）",
    "（火）": "（か）",
    "（水）": "（すい）",
    "（木）": "（もく）",
    "（金）": "（きん）",
    "（土）": "（ど）",
    "（日）": "（にち）",
}

_DAYS = {
    1: "ついたち", 2: "ふつか", 3: "みっか", 4: "よっか", 5: "いつか", 6: "むいか",
    7: "なのか", 8: "ようか", 9: "ここのか", 10: "とおか", 14: "じゅうよっか",
    20: "はつか", 24: "にじゅうよっか",
}  # fmt: skip
_DIGITS = ["", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう"]
_HOURS = {4: "よ", 7: "しち", 9: "く"}
# 分 after each last digit: いっぷん, にふん, さんぷん, よんぷん, ごふん, ろっぷん, …
_MINUTES = {0: "ぷん", 1: "ぷん", 3: "ぷん", 4: "ぷん", 6: "ぷん", 8: "ぷん"}
_MINUTE_STEMS = {1: "いっ", 6: "ろっ", 8: "はっ"}


def number(n: int) -> str:
    """A number under 10,000 as it is read: 30 さんじゅう, 24 にじゅうよん."""
    if n == 0:
        return "ぜろ"
    parts = []
    for value, name, special in (
        (1000, "せん", {1: "せん", 3: "さんぜん", 8: "はっせん"}),
        (100, "ひゃく", {1: "ひゃく", 3: "さんびゃく", 6: "ろっぴゃく", 8: "はっぴゃく"}),
        (10, "じゅう", {1: "じゅう"}),
    ):
        digit, n = divmod(n, value)
        if digit:
            parts.append(special.get(digit, _DIGITS[digit] + name))
    if n:
        parts.append(_DIGITS[n])
    return "".join(parts)


def _minutes(n: int) -> str:
    last = n % 10
    head = number(n - last) if n >= 10 else ""
    if last == 0:
        # 10分 じゅっぷん, 30分 さんじゅっぷん: じゅう becomes じゅっ.
        return (
            head.removesuffix("じゅう") + "じゅっぷん" if head.endswith("じゅう") else head + "ぷん"
        )
    stem = _MINUTE_STEMS.get(last, _DIGITS[last])
    return head + stem + _MINUTES.get(last, "ふん")


def _hours(n: int) -> str:
    """4 よ, 7 しち, 9 く before 時, also as the last digit: 17時 じゅうしちじ."""
    last = n % 10
    if last not in _HOURS:
        return number(n)
    return (number(n - last) if n >= 10 else "") + _HOURS[last]


def counter(n: int, unit: str) -> str | None:
    """The reading of a number with its counter: 1日 ついたち, 30分 さんじゅっぷん, 4時 よじ."""
    if unit == "日":
        if n in _DAYS:
            return _DAYS[n]
        return number(n) + "にち" if 0 < n <= 31 else None
    if unit == "分":
        return _minutes(n) if 0 < n < 60 else None
    if unit == "時":
        return _hours(n) + "じ" if 0 < n <= 24 else None
    if unit == "時間":
        return _hours(n) + "じかん" if 0 < n < 1000 else None
    return None


_places: tuple[float, dict[str, str]] = (0.0, {})
PLACES_SECONDS = 300  # place names change rarely: read them again every five minutes


def place_readings() -> dict[str, str]:
    """District and venue names with the kana the city keeps for them."""
    global _places
    loaded_at, places = _places
    if time.monotonic() - loaded_at > PLACES_SECONDS:
        from outreach.queries import place_readings as load

        places = load()
        _places = (time.monotonic(), places)
    return places
