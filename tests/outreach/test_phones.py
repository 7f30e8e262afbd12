"""outreach.phones: numbers the way residents write them, and how we can reach them."""

import pytest
from django.core.exceptions import ValidationError

from outreach.phones import contact_channel, mask_phone, parse_phone


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


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("090-1234-5678", "sms"),
        ("080-1234-5678", "sms"),
        ("070-1234-5678", "sms"),
        ("060-1234-5678", "sms"),
        ("050-1234-5678", "voice"),
        ("042-123-4567", "voice"),
        ("03-1234-5678", "voice"),
        ("0467-12-3456", "voice"),
    ],
)
def test_the_kind_of_phone_follows_japans_numbering_plan(raw, kind):
    assert contact_channel(parse_phone(raw)) == kind


@pytest.mark.parametrize("raw", ["0120-123-456", "0800-123-4567", "0570-123-456", "020-1234-5678"])
def test_numbers_that_never_reach_a_person_are_refused_with_a_reason(raw):
    with pytest.raises(ValidationError) as caught:
        parse_phone(raw)
    assert "フリーダイヤル" in caught.value.messages[0]
    assert caught.value.code == "not_reachable"


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
