"""A class's date and time as a message writes them, and as a call says them, per language.

SMS keep the short form a reader of that language expects on a phone
(「12月3日（水）」, "12월 3일(수)", "Thứ Tư 3/12", "qua 3/12"); calls say it in words
(spoken_when), because "(水)", "Wed" or "3/12" read by a speech voice are hard to
follow. Always Japan time: a deployment's clock in UTC changes nothing.
"""

import datetime as dt

from django.utils import timezone

_WEEKDAYS_JA = "月火水木金土日"
_WEEKDAYS_SPOKEN_JA = ("月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip
_WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAYS_KO = "월화수목금토일"
_WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
_WEEKDAYS_PT = ("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
                "sábado", "domingo")  # fmt: skip
_WEEKDAYS_PT_SHORT = ("seg", "ter", "qua", "qui", "sex", "sáb", "dom")
_MONTHS_PT = (
    "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
    "setembro", "outubro", "novembro", "dezembro",
)  # fmt: skip


def format_date(moment: dt.datetime, language: str) -> str:
    """The day as an SMS writes it: 「12月3日（水）」, "Wed 3 Dec", "12月3日（周三）"…"""
    local = timezone.localtime(moment)
    day, month, weekday = local.day, local.month, local.weekday()
    if language == "en":
        return local.strftime("%a %-d %b")
    if language == "zh-hans":
        return f"{month}月{day}日（周{_WEEKDAYS_ZH[weekday]}）"
    if language == "ko":
        return f"{month}월 {day}일({_WEEKDAYS_KO[weekday]})"
    if language == "vi":
        return f"{_WEEKDAYS_VI[weekday]} {day}/{month}"
    if language == "pt-br":
        return f"{_WEEKDAYS_PT_SHORT[weekday]} {day}/{month}"
    return f"{month}月{day}日（{_WEEKDAYS_JA[weekday]}）"


def format_time(moment: dt.datetime, language: str) -> str:
    """The starting time as an SMS writes it: 「午前10時」, "10:00", "오전 10시", "10h"…"""
    local = timezone.localtime(moment)
    hour, minute = local.hour, local.minute
    if language in ("en", "zh-hans", "vi"):
        return f"{hour:02d}:{minute:02d}" if language == "en" else f"{hour}:{minute:02d}"
    if language == "pt-br":
        return f"{hour}h{minute:02d}" if minute else f"{hour}h"
    if language == "ko":
        half = "오전" if hour < 12 else "오후"
        return f"{half} {hour % 12 or 12}시" + (f" {minute}분" if minute else "")
    half = "午前" if hour < 12 else "午後"
    return f"{half}{hour if hour <= 12 else hour - 12}時" + (f"{minute}分" if minute else "")


def spoken_when(moment: dt.datetime, language: str = "ja", *, date=True, time=True) -> str:
    """A date and time as said aloud: 「12月3日 水曜日 午前10時」, "Wednesday, December 3, 10 a.m.".

    Everything a call says about when is written by this function: no brackets,
    no abbreviations, and noon is said as noon (「お昼の 12時」, "中午12点",
    "낮 12시", "12 giờ trưa"), which nobody mishears.
    """
    local = timezone.localtime(moment)
    speak = _SPOKEN.get(language, _spoken_ja)
    day, at = speak(local)
    joiner = ", " if language in ("en", "vi", "pt-br") else " "
    return joiner.join(part for part, wanted in ((day, date), (at, time)) if wanted)


def _spoken_ja(local: dt.datetime) -> tuple[str, str]:
    day = f"{local.month}月{local.day}日 {_WEEKDAYS_SPOKEN_JA[local.weekday()]}"
    if local.hour == 12:
        at = "お昼の 12時"
    else:
        at = f"{'午前' if local.hour < 12 else '午後'}{local.hour % 12}時"
    return day, at + (f"{local.minute}分" if local.minute else "")


def _spoken_en(local: dt.datetime) -> tuple[str, str]:
    day = f"{_WEEKDAYS_EN[local.weekday()]}, {_MONTHS_EN[local.month - 1]} {local.day}"
    hour = local.hour % 12 or 12
    clock = f"{hour}:{local.minute:02d}" if local.minute else f"{hour}"
    return day, f"{clock} {'a.m.' if local.hour < 12 else 'p.m.'}"


def _spoken_zh(local: dt.datetime) -> tuple[str, str]:
    day = f"{local.month}月{local.day}日星期{_WEEKDAYS_ZH[local.weekday()]}"
    hour = local.hour
    half = "上午" if hour < 12 else "中午" if hour == 12 else "下午" if hour < 18 else "晚上"
    at = f"{half}{hour % 12 or 12}点" + (f"{local.minute:02d}分" if local.minute else "")
    return day, at


def _spoken_ko(local: dt.datetime) -> tuple[str, str]:
    day = f"{local.month}월 {local.day}일 {_WEEKDAYS_KO[local.weekday()]}요일"
    hour = local.hour
    half = "오전" if hour < 12 else "낮" if hour == 12 else "오후"
    at = f"{half} {hour % 12 or 12}시" + (f" {local.minute}분" if local.minute else "")
    return day, at


def _spoken_vi(local: dt.datetime) -> tuple[str, str]:
    weekday = _WEEKDAYS_VI[local.weekday()]
    day = f"{weekday[0].lower()}{weekday[1:]}, ngày {local.day} tháng {local.month}"
    hour = local.hour
    part = "sáng" if hour < 11 else "trưa" if hour < 13 else "chiều" if hour < 18 else "tối"
    minutes = f" {local.minute} phút" if local.minute else ""
    return day, f"{hour % 12 or 12} giờ{minutes} {part}"


def _spoken_pt(local: dt.datetime) -> tuple[str, str]:
    # Brazilians say the 24-hour clock: "às 13 horas e 30".
    day = f"{_WEEKDAYS_PT[local.weekday()]}, {local.day} de {_MONTHS_PT[local.month - 1]}"
    hour = "1 hora" if local.hour == 1 else f"{local.hour} horas"
    return day, hour + (f" e {local.minute}" if local.minute else "")


_SPOKEN = {
    "ja": _spoken_ja,
    "en": _spoken_en,
    "zh-hans": _spoken_zh,
    "ko": _spoken_ko,
    "vi": _spoken_vi,
    "pt-br": _spoken_pt,
}
