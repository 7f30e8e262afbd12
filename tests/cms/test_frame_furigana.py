"""Furigana over the whole page, not only the article: with furigana on (the default in
easy Japanese), the menus, buttons, form labels and errors, seats, the footer and the
error pages read with ruby too, so an easy page may use the kanji a reader needs
(電話, 教室, 名前) and still be read by someone who cannot read them.

The check: strip every ruby (base and reading) and every place ruby may not go (form
controls, elements in another language, scripts, the head); no kanji may be left.
"""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory
from django.utils import translation

from cms import japanese
from cms.reading import COOKIE
from core.views import server_error
from tests.cms.furigana import ruby
from tests.factories import ClassSessionFactory, DistrictFactory, VenueFactory

KANJI = re.compile(f"[{japanese.KANJI}]")
NO_RUBY_HERE = re.compile(
    r"<head>.*?</head>|<ruby>.*?</ruby>|<(script|style|select|textarea|svg)\b.*?</\1>"
    r'|<(\w+)[^>]*\slang="(?!ja)[^"]*"[^>]*>.*?</\2>|<[^>]*>',
    flags=re.S,
)


def kanji_without_furigana(body: str) -> list[str]:
    """The kanji of the page's text that have no reading over them, with their context."""
    text = NO_RUBY_HERE.sub("\n", body)
    return sorted({text[max(m.start() - 8, 0) : m.end() + 8].strip() for m in KANJI.finditer(text)})


@pytest.fixture
def easy_class(db):
    venue = VenueFactory(
        district=DistrictFactory(name="藤野", name_kana="ふじの"),
        name="藤野公民館",
        name_kana="ふじのこうみんかん",
    )
    return ClassSessionFactory(venue=venue, capacity=5, loaner_devices=2)


def test_furigana_skips_other_languages_and_form_controls_but_not_what_follows():
    html = japanese.furigana_html(
        '<a lang="zh-hans">简体中文</a><select><option>地区</option></select>'
        '<p lang="ja">教室</p><span lang="en"><span>漢字</span> x</span><p>名前<li>電話</p>'
    )
    assert "简体中文</a>" in html and "<option>地区</option>" in html
    assert "<span>漢字</span>" in html
    assert ruby("教室", "きょうしつ") in html
    # An unclosed <li> inside does not keep the rest skipped, nor does a closed lang element.
    assert "<ruby>名前" in html and "<ruby>電話" in html


@pytest.mark.parametrize(
    "page", ["finder", "class page", "registration form", "registration errors", "not found"]
)
def test_every_kanji_of_an_easy_page_has_furigana(client, easy_class, page):
    url = {
        "finder": "/ja-x-easy/classes/",
        "class page": f"/ja-x-easy/classes/{easy_class.pk}/",
        "registration form": f"/ja-x-easy/classes/{easy_class.pk}/register/",
        "not found": "/ja-x-easy/no-such-page/",
    }.get(page)
    if url:
        body = client.get(url).content.decode()
    else:
        body = client.post(
            f"/ja-x-easy/classes/{easy_class.pk}/register/", {"name": "", "phone": "0120-1"}
        ).content.decode()
        assert 'class="errorlist"' in body
    assert '<rt aria-hidden="true">' in body
    assert kanji_without_furigana(body) == []


def test_an_easy_help_article_has_furigana_in_its_frame_and_its_text(client, help_site):
    body = client.get("/ja-x-easy/help/line-send-photo/").content.decode()
    assert ruby("電話", "でんわ") in body  # the footer's desk phone
    assert kanji_without_furigana(body) == []


def test_the_frame_has_no_furigana_once_the_reader_turns_it_off(client, easy_class):
    client.cookies[COOKIE] = "f"
    body = client.get(f"/ja-x-easy/classes/{easy_class.pk}/").content.decode()
    # A venue's own reading stays (it cannot be guessed); the frame's words have none.
    assert "教室" in body and "きょうしつ</rt>" not in body and "でんわ</rt>" not in body


def test_standard_japanese_pages_have_furigana_only_when_chosen(client, easy_class):
    assert "<ruby>" not in client.get("/classes/").content.decode()
    client.cookies[COOKIE] = "F"
    body = client.get("/classes/").content.decode()
    assert "<ruby>" in body and kanji_without_furigana(body) == []


def test_the_server_error_page_has_furigana_without_asking_the_database(
    db, django_assert_num_queries
):
    request = RequestFactory().get("/ja-x-easy/")
    with translation.override("ja-x-easy"), django_assert_num_queries(0):
        body = server_error(request).content.decode()
    assert '<rt aria-hidden="true">' in body and kanji_without_furigana(body) == []


def test_the_day_of_the_week_after_a_date_is_read_as_on_a_calendar():
    """Alone, 火 and 水 are read ひ and みず; after a date they are か and すい (and the
    easy wording's 月よう日 is げつようび, not げつようひ)."""
    html = japanese.furigana_text("12月1日（火）、2日（水）")
    assert f"（{ruby('火', 'か')}" in html
    assert f"（{ruby('水', 'すい')}" in html
    monday = japanese.furigana_text("月よう日から")
    assert ruby("月", "げつ") in monday and f"よう{ruby('日', 'び')}" in monday


def test_frame_words_and_class_notes_read_as_said():
    """人の 数 is ひとの かず, お持ちでない方 is a person (かた), and no word takes in a
    bracket (電話（ガラケー）)."""
    assert ruby("数", "かず") in japanese.furigana_text("来る 人の 数")
    assert ruby("方", "かた") in japanese.furigana_text("お持ちでない方は")
    assert f"{ruby('電話', 'でんわ')}（ガラケー）" in (
        japanese.furigana_text("けいたい電話（ガラケー）")
    )
