"""outreach.phones: numbers the way residents write them, and how we can reach them."""

import phonenumbers
import pytest
from django.core.exceptions import ValidationError

from outreach.phones import contact_channel, mask_phone, parse_phone, reach_channel


@pytest.mark.parametrize(
    "raw",
    [
        "090-1234-5678",
        "09012345678",
        "０９０－１２３４－５６７８",
        "０９０ー１２３４ー５６７８",
        "090 1234 5678",
        "+81 90-1234-5678",
        "＋８１９０１２３４５６７８",
        "(090)1234-5678",
    ],
)
def test_a_mobile_number_is_read_however_it_is_written(raw):
    assert str(parse_phone(raw)) == "+819012345678"


def test_a_landline_is_stored_in_e164():
    assert str(parse_phone("042-123-4567")) == "+81421234567"


# The whole numbering plan as Tsunagu meets it: each kind of number, how it is reached
# (sms / voice) or None when it never reaches a person at home and is refused.
NUMBERING_PLAN = [
    # mobiles (phonenumbers: MOBILE)
    ("090-1234-5678", "sms"),
    ("080-1234-5678", "sms"),
    ("070-1234-5678", "sms"),
    # 060 mobiles: a stated Japanese rule (older phonenumbers metadata lacks them)
    ("060-1234-5678", "sms"),
    # fixed lines, Tokyo to a mountain village (FIXED_LINE)
    ("03-1234-5678", "voice"),
    ("042-123-4567", "voice"),
    ("0467-12-3456", "voice"),
    ("0426-86-1234", "voice"),
    # 050 IP phones: a stated Japanese rule (VOIP to the library; calls reach a home phone)
    ("050-1234-5678", "voice"),
    # never a person at home
    ("0120-123-456", None),  # free dial (TOLL_FREE)
    ("0800-123-4567", None),  # free dial (TOLL_FREE)
    ("0570-123-456", None),  # navi dial (UAN)
    ("0990-123-456", None),  # premium rate (PREMIUM_RATE)
    ("020-1234-5678", None),  # pagers and M2M lines: a stated Japanese rule
]


@pytest.mark.parametrize(("raw", "kind"), NUMBERING_PLAN)
def test_the_kind_of_phone_follows_japans_numbering_plan(raw, kind):
    e164 = "+81" + raw.replace("-", "")[1:]
    assert contact_channel(e164) == kind
    if kind is None:
        with pytest.raises(ValidationError) as caught:
            parse_phone(raw)
        assert caught.value.code == "not_reachable"
    else:
        assert contact_channel(parse_phone(raw)) == kind


@pytest.mark.parametrize(
    ("number_type", "kind"),
    [
        (phonenumbers.PhoneNumberType.MOBILE, "sms"),
        (phonenumbers.PhoneNumberType.FIXED_LINE, "voice"),
        (phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE, "voice"),
        (phonenumbers.PhoneNumberType.PERSONAL_NUMBER, "voice"),
        (phonenumbers.PhoneNumberType.VOIP, None),
        (phonenumbers.PhoneNumberType.TOLL_FREE, None),
        (phonenumbers.PhoneNumberType.PREMIUM_RATE, None),
        (phonenumbers.PhoneNumberType.SHARED_COST, None),
        (phonenumbers.PhoneNumberType.UAN, None),
        (phonenumbers.PhoneNumberType.PAGER, None),
        (phonenumbers.PhoneNumberType.VOICEMAIL, None),
        (phonenumbers.PhoneNumberType.UNKNOWN, None),
    ],
)
def test_each_type_of_number_is_reached_one_way_or_refused(number_type, kind, monkeypatch):
    """The decision follows phonenumbers' type wherever no Japanese rule speaks first."""
    monkeypatch.setattr(phonenumbers, "number_type", lambda number: number_type)
    assert contact_channel("+81427001234") == kind


def test_contact_channel_refuses_free_dial_given_directly():
    assert contact_channel("+81120123456") is None


@pytest.mark.parametrize(
    ("raw", "code", "words"),
    [
        ("", "required", "入力してください"),
        ("090-1234-567", "invalid", "桁数"),
        ("90-1234-5678", "no_trunk_prefix", "0"),
        ("でんわ", "not_digits", "数字"),
        ("+1 212 555 0100", "not_japan", "日本"),
    ],
)
def test_a_wrong_number_gets_a_message_that_says_what_is_wrong(raw, code, words):
    with pytest.raises(ValidationError) as caught:
        parse_phone(raw)
    assert caught.value.code == code
    assert words in caught.value.messages[0]


def test_trainers_see_a_masked_number():
    assert mask_phone(parse_phone("090-1234-5678")) == "090-****-5678"
    assert mask_phone(parse_phone("042-123-4567")) == "042-***-4567"
    assert mask_phone(None) == ""


@pytest.mark.parametrize(
    ("phone", "preference", "channel"),
    [
        ("+819012345678", "auto", "sms"),
        ("+81427001234", "auto", "voice"),
        ("+819012345678", "voice", "voice"),
        ("+81427001234", "sms", "voice"),  # a landline cannot take a text
        ("+819012345678", "none", None),
        ("+81120123456", "auto", None),
    ],
)
def test_reach_channel_follows_the_number_and_the_residents_preference(phone, preference, channel):
    assert reach_channel(phone, preference) == channel
