"""Furigana read as residents say: the site's words, counters and dates, and the city's
place names from the districts' and venues' own kana."""

import re
from pathlib import Path

import pytest

from cms import japanese, readings
from cms.templatetags.reading_aids import furigana
from tests.cms.furigana import ruby
from tests.factories import DistrictFactory, VenueFactory

TABLE = [
    tuple(line.split("\t"))
    for line in (Path(__file__).parent / "data" / "readings.tsv").read_text().splitlines()
    if line and not line.startswith("#")
]
RUBY_RE = re.compile(
    re.escape(ruby("BASE", "READING")).replace("BASE", "(.*?)").replace("READING", "(.*?)")
)


def reading_of(html: str) -> str:
    """The text as the furigana say it: each ruby base replaced by its reading."""
    return RUBY_RE.sub(r"\2", html)


def test_the_table_is_large_enough_and_unique():
    assert len(TABLE) >= 150
    assert len({word for word, _reading in TABLE}) == len(TABLE)


@pytest.mark.parametrize(("word", "reading"), TABLE)
def test_word_reads_as_people_say_it(word, reading):
    assert reading_of(japanese.furigana_text(word)) == reading


@pytest.mark.parametrize(
    ("n", "unit", "reading"),
    [
        (1, "日", "ついたち"),
        (5, "日", "いつか"),
        (11, "日", "じゅういちにち"),
        (31, "日", "さんじゅういちにち"),
        (3, "分", "さんぷん"),
        (6, "分", "ろっぷん"),
        (8, "分", "はっぷん"),
        (25, "分", "にじゅうごふん"),
        (45, "分", "よんじゅうごふん"),
        (7, "時", "しちじ"),
        (12, "時", "じゅうにじ"),
        (300, "分", None),
        (32, "日", None),
    ],
)
def test_counters(n, unit, reading):
    assert readings.counter(n, unit) == reading


def test_a_date_in_a_sentence_keeps_the_month_and_reads_the_day():
    html = japanese.furigana_text("11月1日の10時30分から")
    assert reading_of(html) == "11がつついたちのじゅうじさんじゅっぷんから"


@pytest.mark.django_db
def test_place_names_are_read_with_the_kana_the_city_keeps(monkeypatch):
    monkeypatch.setattr(readings, "_places", (0.0, {}))
    kamimizo = DistrictFactory(code="kamimizo", name="上溝", name_kana="かみみぞ")
    DistrictFactory(code="araiso", name="新磯", name_kana="あらいそ")
    DistrictFactory(code="shiroyama", name="城山", name_kana="しろやま")
    DistrictFactory(code="oyama", name="小山", name_kana="おやま")
    VenueFactory(district=kamimizo, name="上溝公民館", name_kana="かみみぞ こうみんかん")
    text = "上溝と新磯と城山と小山の教室。上溝公民館です。"
    assert reading_of(str(furigana(text))) == (
        "かみみぞとあらいそとしろやまとおやまのきょうしつ。かみみぞこうみんかんです。"
    )
    # Without the city's data the dictionary guesses wrong (うわみず): the data is what fixes it.
    assert "うわみず" in reading_of(japanese.furigana_text("上溝"))
