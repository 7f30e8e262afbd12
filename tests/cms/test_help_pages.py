"""Help index and articles: languages, reading aids, cache, search, editors' check."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.languages import interface_language
from cms.models import HelpArticlePage, HelpIndexPage, search_articles
from cms.reading import COOKIE
from outreach.models import ClassSession, Topic
from tests.cms.furigana import ruby
from tests.factories import ClassSessionFactory


def _ja():
    return Locale.objects.get(language_code="ja")


def test_help_index_groups_articles_by_class_topic(client, help_site):
    response = client.get("/help/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="ja"' in body
    assert "スマホの文字を大きくする" in body
    assert "/help/topic/scams/" in body
    assert body.index("スマホの基本") < body.index("スマホの詐欺から身を守る")


def test_topic_page_lists_its_articles_and_the_next_classes_live(client, help_site):
    topic = Topic.objects.get(slug="scams")
    ClassSessionFactory(topic=topic, status=ClassSession.Status.PUBLISHED, capacity=12)
    body = client.get("/help/topic/scams/").content.decode()
    assert "電話やSMSのサギに気をつける" in body
    assert "あと12席" in body


def test_unknown_topic_is_a_polite_404(client, help_site):
    assert client.get("/help/topic/no-such-topic/").status_code == 404


def test_article_has_steps_warning_and_desk_phone(client, help_site, settings):
    body = client.get("/help/phone-scams/").content.decode()
    assert 'class="help-steps"' in body
    assert 'class="help-warning"' in body
    assert f'href="tel:{settings.DESK_PHONE_NUMBER.replace("-", "")}"' in body
    assert "/help/phone-scams/print/" in body


def test_easy_japanese_article_has_its_own_lang_and_furigana_by_default(client, help_site):
    body = client.get("/ja-x-easy/help/text-size/").content.decode()
    assert '<html lang="ja-x-easy"' in body
    assert "<ruby>" in body and '<rt aria-hidden="true">' in body


def test_english_article_is_english_with_every_language_in_the_switcher(client, help_site):
    body = client.get("/en/help/text-size/").content.decode()
    assert '<html lang="en"' in body
    assert "Make the text on your phone bigger" in body
    for code in ("ja", "ja-x-easy", "en", "zh-hans", "ko", "vi", "pt-br"):
        assert f'hreflang="{code}"' in body
    # The switcher points at the real translations.
    assert 'href="/ja-x-easy/help/text-size/"' in body


@pytest.mark.parametrize(
    "url,lang",
    [
        ("/vi/help/bus-timetable/", "vi"),
        ("/en/help/bus-timetable/", "en"),
        ("/zh-hans/help/bus-timetable/print/", "zh-hans"),
    ],
)
def test_missing_translation_says_so_and_offers_japanese_never_a_404(
    client, japanese_only_article, url, lang
):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{lang}"' in body
    assert 'hreflang="ja"' in body and 'hreflang="ja-x-easy"' in body
    # Not the Japanese article under the wrong lang: no steps, only the notice.
    assert "help-steps" not in body


def test_menus_are_in_the_readers_language_and_would_be_marked_japanese_without_a_catalogue(
    client, help_site
):
    body = client.get("/ko/help/").content.decode()
    assert '<html lang="ko"' in body
    assert '<header class="site-header">' in body and "언어 선택" in body
    assert interface_language("ko") == "ko" and interface_language("ja-x-easy") == "ja-x-easy"
    # A language added to LANGUAGES before its catalogue exists keeps Japanese menus, marked so.
    assert interface_language("fr") == "ja"


def test_furigana_switches_off_and_is_remembered(client, help_site):
    response = client.get("/reading/", {"furigana": "off", "next": "/ja-x-easy/help/text-size/"})
    assert response.status_code == 302
    assert response["Location"] == "/ja-x-easy/help/text-size/"
    assert response.cookies[COOKIE].value == "f"
    body = client.get("/ja-x-easy/help/text-size/").content.decode()
    assert "<rt" not in body.split("<main", 1)[1]
    client.get("/reading/", {"furigana": "on", "size": "large", "next": "/help/text-size/"})
    body = client.get("/help/text-size/").content.decode()
    assert 'class="reading-large"' in body
    assert ruby("文字", "もじ") in body


def test_with_furigana_on_the_frame_has_readings_too(client, help_site):
    """Menus, headings and buttons, not only the article: a reader who needs furigana
    needs it to find the class finder and the print button as well."""
    easy = client.get("/ja-x-easy/help/text-size/").content.decode()
    header = easy.split('<header class="site-header"', 1)[1].split("</header>", 1)[0]
    assert ruby("大", "おお") in header  # 字を 大きく (the reading aid)
    assert ">简体中文</a>" in easy  # marked lang="zh-hans": no Japanese reading over it
    client.cookies[COOKIE] = "f"
    assert "<rt" not in client.get("/ja-x-easy/help/text-size/").content.decode()
    client.cookies[COOKIE] = ""
    assert "<rt" not in client.get("/help/text-size/").content.decode()  # off by default
    client.cookies[COOKIE] = "F"
    finder = client.get("/classes/").content.decode()
    assert ruby("教室", "きょうしつ") in finder.split("<h1>", 1)[1].split("</h1>", 1)[0]


def test_reading_preferences_never_redirect_off_site(client, help_site):
    response = client.get("/reading/", {"contrast": "high", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_article_pages_are_cached_per_reading_choice_without_visitor_data(client, help_site):
    first = client.get("/help/line-send-photo/")
    assert first["X-Page-Cache"] == "miss"
    second = client.get("/help/line-send-photo/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert b"csrfmiddlewaretoken" not in second.content
    assert "Set-Cookie" not in second
    client.cookies[COOKIE] = "F"
    with_furigana = client.get("/help/line-send-photo/")
    assert with_furigana["X-Page-Cache"] == "miss"
    assert b'<rt aria-hidden="true">' in with_furigana.content


def test_signed_in_visitors_are_never_served_from_or_stored_in_the_cache(client, help_site, editor):
    client.get("/help/text-size/")
    client.force_login(editor)
    response = client.get("/help/text-size/")
    assert "X-Page-Cache" not in response


def test_publishing_purges_the_cached_page(client, help_site):
    assert client.get("/help/take-photo/")["X-Page-Cache"] == "miss"
    article = HelpArticlePage.objects.get(slug="take-photo", locale=_ja())
    article.title = "写真を撮る（新しい説明）"
    article.save_revision().publish()
    response = client.get("/help/take-photo/")
    assert response["X-Page-Cache"] == "miss"
    assert "写真を撮る（新しい説明）" in response.content.decode()


def test_a_new_class_purges_the_cached_next_classes(client, help_site):
    client.get("/help/topic/line/")
    ClassSessionFactory(
        topic=Topic.objects.get(slug="line"), status=ClassSession.Status.PUBLISHED, capacity=7
    )
    response = client.get("/help/topic/line/")
    assert response["X-Page-Cache"] == "miss"
    assert "あと7席" in response.content.decode()


def _add_articles(index, count):
    for n in range(count):
        index.add_child(
            instance=HelpArticlePage(
                title=f"追加の説明{n}",
                slug=f"extra-{n}",
                topic_slug="basics",
                body=json.dumps([{"type": "paragraph", "value": "<p>説明です。</p>"}]),
            )
        ).save_revision().publish()


def _queries_for(client, url) -> int:
    """The queries one uncached, successful request for `url` takes, once its pictures'
    renditions exist (Wagtail makes and stores them on the first view ever)."""
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_number_of_articles(
    client, help_site, django_assert_max_num_queries
):
    """Guards the N+1s of a help page: a query per article for its URL, topic or
    translations in the index, the language switcher or the next classes."""
    urls = ["/help/", "/help/text-size/", "/help/topic/basics/", "/en/help/text-size/"]
    before = {url: _queries_for(client, url) for url in urls}
    _add_articles(HelpIndexPage.objects.get(locale=_ja()), 6)
    for url in urls:
        cache.clear()
        with django_assert_max_num_queries(before[url]):
            assert client.get(url).status_code == 200
    assert max(before.values()) <= 25


@pytest.mark.parametrize(
    "query,slug",
    [
        ("マイナンバー", "mynumber-card-online"),
        ("マイナンバーカード", "mynumber-card-online"),
        ("申請", "mynumber-card-online"),
        ("サギ", "phone-scams"),
        ("詐欺", "phone-scams"),
    ],
)
def test_japanese_search_finds_the_right_article(client, help_site, query, slug):
    """Runs on SQLite and, with DATABASE_URL set, on PostgreSQL (the same test)."""
    results = search_articles(query, locale=_ja())
    assert slug in [article.slug for article in results]
    if query in ("サギ", "詐欺"):
        assert results[0].slug == "phone-scams"
    body = client.get("/help/", {"q": query}).content.decode()
    assert f'href="/help/{slug}/"' in body


def test_search_with_nothing_to_find_answers_politely(client, help_site):
    for query in ("の", "zzzz", "<script>", "x" * 500):
        response = client.get("/help/", {"q": query})
        assert response.status_code == 200
        assert "見つかりませんでした" in response.content.decode()


def test_print_handout_is_a4_with_steps_and_the_desk_phone(client, help_site, settings):
    response = client.get("/help/line-send-photo/print/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="handout__steps"' in body
    assert settings.DESK_PHONE_NUMBER in body
    assert "noindex" in body


def test_seed_is_idempotent(help_site):
    from cms import demo as cms_demo

    count = HelpArticlePage.objects.count()
    cms_demo.seed(help_site)
    assert HelpArticlePage.objects.count() == count
    for code in ("ja", "ja-x-easy", "en", "zh-hans", "ko", "vi", "pt-br"):
        assert HelpArticlePage.objects.filter(locale__language_code=code).count() == 8


def test_easy_japanese_articles_carry_a_score_for_the_listing(help_site):
    easy = HelpArticlePage.objects.filter(locale__language_code="ja-x-easy")
    assert all(article.easy_score is not None for article in easy)
    assert all(article.readability is not None for article in easy)


def test_editor_sees_easy_japanese_advice_in_the_editor_and_scores_on_the_listing(
    client, help_site, editor
):
    from django.urls import reverse

    client.force_login(editor)
    easy = HelpArticlePage.objects.get(slug="phone-scams", locale__language_code="ja-x-easy")
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[easy.pk]))
    assert edit.status_code == 200
    assert "やさしさの点数" in edit.content.decode()
    listing = client.get(reverse("help_articles:index"))
    assert listing.status_code == 200
    assert str(easy.easy_score) in listing.content.decode()
    advice = client.post(
        reverse("cms_easy_japanese_check"),
        {"text": "窓口にてご確認いただけます。書類を出す。", "easy": "1"},
    ).json()
    assert {"keigo", "ending"} <= {item["kind"] for item in advice["advice"]}


def test_live_easy_japanese_advice_comes_in_the_editors_language(client, editor):
    """The editor script shows what the server renders: no Japanese of its own for an English editor."""
    from django.urls import reverse
    from wagtail.users.models import UserProfile

    client.force_login(editor)
    url = reverse("cms_easy_japanese_check")
    text = {"text": "窓口にてご確認いただけます。", "easy": "1"}
    japanese = client.post(url, text).json()["html"]
    assert "やさしさの点数:" in japanese and "<q>" in japanese

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    english = client.post(url, text).json()["html"]
    assert "Ease score:" in english and "characters per sentence" in english
    assert "やさしさ" not in english and "読みやすさ" not in english
