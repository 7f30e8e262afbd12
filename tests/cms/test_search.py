"""Search finds what people type: readings, synonyms, LINE, and the Japanese pages as a
fallback. The help_site seed drops Wagtail's queued index tasks, so every search
here also proves seed_demo indexes the articles itself."""

import pytest
from wagtail.models import Locale

from cms import search
from cms.models import search_articles


def _slugs(query, language):
    return [
        a.slug for a in search_articles(query, locale=Locale.objects.get(language_code=language))
    ]


def test_kana_query_is_taken_whole_not_split_into_pieces():
    assert search.query_terms("しんせい") == [("しんせい", "シンセイ", "申請")]
    assert search.query_terms("しんせいを") == [("しんせい", "シンセイ", "申請")]
    assert search.query_terms("を") == []


def test_line_is_the_app_never_a_hotline():
    assert search.query_terms("ライン") == [("line",)]
    assert search.query_terms("LINE") == [("line",)]
    assert "line" not in search.index_tokens("消費者ホットライン「188」").split()
    assert "line" in search.index_tokens("LINEで写真を送ります。").split()
    assert "line" in search.index_tokens("ラインで 写真を おくります。").split()


def test_synonyms_are_indexed_under_their_key():
    assert "申請" in search.index_tokens("スマホで もうしこみます。").split()
    assert "支払う" in search.index_tokens("お店で はらいます。").split()
    assert "文字" in search.index_tokens("字を 大きく します。").split()
    # A one-letter word only as a word of its own: 字 inside 数字 is not 文字.
    assert "文字" not in search.index_tokens("4つの数字を入れます。").split()


@pytest.mark.parametrize(
    ("language", "query", "slug"),
    [
        ("ja", "申請", "mynumber-card-online"),
        ("ja", "しんせい", "mynumber-card-online"),
        ("ja", "もうしこみ", "mynumber-card-online"),
        ("ja", "支払う", "pay-with-phone"),
        ("ja", "はらう", "pay-with-phone"),
        ("ja", "文字", "text-size"),
        ("ja", "もじ", "text-size"),
        ("ja", "LINE", "line-send-photo"),
        ("ja", "ライン", "line-send-photo"),
        ("ja-x-easy", "申請", "mynumber-card-online"),
        ("ja-x-easy", "しんせい", "mynumber-card-online"),
        ("ja-x-easy", "支払う", "pay-with-phone"),
        ("ja-x-easy", "支払い", "pay-with-phone"),
        ("ja-x-easy", "文字", "text-size"),
        ("ja-x-easy", "ライン", "line-send-photo"),
        ("ja-x-easy", "LINE で しゃしんを おくる", "line-send-photo"),
    ],
)
def test_search_finds_what_people_type(help_site, language, query, slug):
    assert slug in _slugs(query, language)


@pytest.mark.parametrize("language", ["ja", "ja-x-easy"])
def test_line_does_not_find_the_hotline_article(help_site, language):
    found = _slugs("ライン", language)
    assert "line-send-photo" in found
    assert "phone-scams" not in found
    assert "phone-scams" in _slugs("ホットライン", language)


def test_english_search_with_no_english_result_offers_the_japanese_pages(client, help_site):
    body = client.get("/en/help/", {"q": "ほけんしょう"}).content.decode()
    assert 'href="/help/health-insurance-card/" lang="ja" hreflang="ja"' in body
    assert "Nothing found in this language" in body

    english = client.get("/en/help/", {"q": "photo"}).content.decode()
    assert 'href="/en/help/line-send-photo/"' in english
    assert "Nothing found in this language" not in english

    nothing = client.get("/en/help/", {"q": "zzzz"}).content.decode()
    assert "Nothing found in this language" not in nothing
    assert 'class="help-list__link"' not in nothing
