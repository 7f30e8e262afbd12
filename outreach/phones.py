"""Phone numbers the way residents write them, and what kind of phone each one is.

Japan's numbering plan (総務省 電気通信番号計画) decides how we can reach a number.
phonenumbers' number_type names the kind; CHANNEL_BY_TYPE says how each kind is
reached:

* mobiles (070 / 080 / 090): we send SMS;
* fixed lines: we call them with the automated voice message;
* free dial (0120 / 0800), navi dial (0570), premium rate (0990), shared cost,
  pagers and anything unknown never reach a person at home, so they are refused
  as a contact number.

JAPANESE_RULES speak first, for what the library's types do not carry (each
with its reason).
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from phonenumber_field.phonenumber import PhoneNumber
from phonenumbers import PhoneNumberType

SMS = "sms"
VOICE = "voice"

# How a number of each kind reaches a resident; every kind not listed (toll-free,
# premium rate, shared cost, UAN such as navi dial, pager, voicemail access,
# VoIP other than 050, unknown) is refused.
CHANNEL_BY_TYPE = {
    PhoneNumberType.MOBILE: SMS,
    PhoneNumberType.FIXED_LINE: VOICE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE: VOICE,  # a call reaches either
    PhoneNumberType.PERSONAL_NUMBER: VOICE,  # follows its owner to a phone that rings
}
# (national significant number prefix, its length or None for any, channel or None
# for refused), checked before the type.
JAPANESE_RULES = [
    # 050 is an IP phone (IP電話): VoIP to the library, in Japan a home phone that
    # takes calls but no SMS.
    ("50", 10, VOICE),
    # 060 + 8 digits: mobile numbers opened because 070/080/090 ran short;
    # phonenumbers releases whose metadata predates them call them personal numbers.
    ("60", 10, SMS),
    # 020: pagers and machine-to-machine modules (020-XXXX-XXXX), never a person,
    # whichever type the library's metadata gives a range of them.
    ("20", None, None),
]

# Hyphens, dashes, the long vowel mark people type by mistake, brackets and spaces.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−ー－ｰ()（）.．]")


def _normalise(raw: str) -> str:
    # NFKC turns full-width digits and ＋ into ASCII (０９０ → 090).
    text = unicodedata.normalize("NFKC", raw or "").strip()
    return _SEPARATORS.sub("", text)


def parse_phone(raw: str) -> PhoneNumber:
    """Read a Japanese phone number written any usual way; raise ValidationError politely.

    Accepts 090-1234-5678, ０９０１２３４５６７８, 090 1234 5678, +81 90-1234-5678.
    """
    text = _normalise(raw)
    if not text:
        raise ValidationError(_("電話番号を入力してください。"), code="required")
    if not re.fullmatch(r"\+?\d+", text):
        raise ValidationError(
            _("電話番号は数字で入力してください（例：090-1234-5678）。"), code="not_digits"
        )
    if text.startswith("+") and not text.startswith("+81"):
        raise ValidationError(
            _("日本の電話番号を入力してください（例：090-1234-5678）。"), code="not_japan"
        )
    if not text.startswith(("+", "0")):
        raise ValidationError(
            _("市外局番から入力してください。最初の「0」が抜けていませんか（例：042-123-4567）。"),
            code="no_trunk_prefix",
        )
    try:
        number = phonenumbers.parse(text, "JP")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "電話番号の桁数が合いません。携帯電話は11けた（090-1234-5678）、"
                "家の電話は市外局番から10けた（042-123-4567）です。"
            ),
            code="invalid",
        )
    phone = PhoneNumber.from_string(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    )
    if contact_channel(phone) is None:
        raise ValidationError(
            _(
                "フリーダイヤル（0120・0800）、ナビダイヤル（0570）、020の番号には"
                "連絡ができません。ご自宅か携帯電話の番号を入力してください。"
            ),
            code="not_reachable",
        )
    return phone


def _japanese(phone) -> PhoneNumber | None:
    if phone is None or phone == "":
        return None
    if isinstance(phone, str):
        try:
            phone = PhoneNumber.from_string(phone, region="JP")
        except phonenumbers.NumberParseException:
            return None
    return phone if phone.country_code == 81 else None


def contact_channel(phone) -> str | None:
    """ "sms" for mobiles, "voice" for fixed lines and 050, None for numbers we refuse."""
    number = _japanese(phone)
    if number is None:
        return None
    national = str(number.national_number)
    for prefix, length, channel in JAPANESE_RULES:
        if national.startswith(prefix) and length in (None, len(national)):
            return channel
    return CHANNEL_BY_TYPE.get(phonenumbers.number_type(number))


def reach_channel(phone, preference: str = "auto") -> str | None:
    """How our messages reach this number: "sms", "voice", or None (not at all).

    `preference` is the resident's Resident.contact_preference: "none" stops all
    messages, "voice" calls even a mobile (for someone who cannot read a text);
    otherwise the kind of number decides. The messages themselves and the pages
    that tell residents how they will hear from us both ask this one function.
    """
    if preference == "none":
        return None
    kind = contact_channel(phone)
    if kind is None:
        return None
    return VOICE if preference == VOICE else kind


def format_national(phone) -> str:
    """090-1234-5678, the way it is printed on a roster."""
    if not phone:
        return ""
    if isinstance(phone, str):
        phone = PhoneNumber.from_string(phone, region="JP")
    return phonenumbers.format_number(phone, phonenumbers.PhoneNumberFormat.NATIONAL)


def mask_phone(phone) -> str:
    """ "090-****-5678": enough for a trainer to tell two people apart, not to call them."""
    formatted = format_national(phone)
    if not formatted:
        return ""
    groups = formatted.split("-")
    if len(groups) < 3:
        return formatted[:3] + "*" * max(len(formatted) - 7, 0) + formatted[-4:]
    middle = ["*" * len(group) for group in groups[1:-1]]
    return "-".join([groups[0], *middle, groups[-1]])
