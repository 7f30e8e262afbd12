"""Kana readings in Latin letters (modified Hepburn, long vowels unmarked)."""

import pytest

from messaging.romaji import romanize
from outreach.demo import DEMO_VENUE_READINGS


@pytest.mark.parametrize(
    "reading, romaji",
    [
        # The demo venues, as the city reads them.
        ("ふじの こうみんかん", "Fujino Kominkan"),
        ("さがみこ こうみんかん", "Sagamiko Kominkan"),
        ("つくい ちゅうおう こうみんかん", "Tsukui Chuo Kominkan"),
        ("しろやま こうみんかん", "Shiroyama Kominkan"),
        ("はしもと こうみんかん", "Hashimoto Kominkan"),
        ("ちゅうおう こうみんかん", "Chuo Kominkan"),
        ("おおのきた こうみんかん", "Onokita Kominkan"),
        ("さがみだい こうみんかん", "Sagamidai Kominkan"),
        # Districts.
        ("かみみぞ", "Kamimizo"),
        ("あらいそ", "Araiso"),
        ("おおさわ", "Osawa"),
    ],
)
def test_readings_of_places(reading, romaji):
    assert romanize(reading) == romaji


def test_every_demo_venue_reading_comes_out_in_latin_letters():
    for name, reading in DEMO_VENUE_READINGS.items():
        romaji = romanize(reading)
        assert romaji.isascii() and romaji.endswith(" Kominkan"), (name, romaji)


@pytest.mark.parametrize(
    "reading, romaji",
    [
        ("ふじのこうみんかん", "Fujino Kominkan"),  # no spaces: the facility word split off
        ("あさひまちづくりせんたー", "Asahi Machizukuri Senta"),
        ("フジノ　コウミンカン", "Fujino Kominkan"),  # katakana, a full-width space
        ("きょうと", "Kyoto"),  # きょ, and おう unmarked
        ("しゃ ちゃ じゃ りょ", "Sha Cha Ja Ryo"),
        ("さっぽろ", "Sapporo"),  # small っ doubles the consonant
        ("にっちゅう", "Nitchu"),  # っち → tch
        ("じゅんいち", "Jun'ichi"),  # ん before a vowel
        ("しんよこはま", "Shin'yokohama"),  # ん before y
        ("せんせい", "Sensei"),  # えい stays
        ("つづき", "Tsuzuki"),
        ("", ""),
    ],
)
def test_hepburn_rules(reading, romaji):
    assert romanize(reading) == romaji


def test_what_is_not_kana_is_kept():
    assert romanize("だい2 こうみんかん") == "Dai2 Kominkan"
