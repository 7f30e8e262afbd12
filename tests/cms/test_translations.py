"""Never a mixed-language page: what wagtail-localize publishes and what readers see.

wagtail-localize 1.14 puts Japanese text on pages of other locales in two ways:
tree synchronisation (and "Translate" on a page whose parents are not translated
yet) creates live *aliases* that show the Japanese content under /en/…, and a
translation is published with the Japanese source text wherever a segment is not
translated yet ("Translate this page" on a live page publishes it at once, with
nothing translated). Readers get the "not translated yet" notice for both until
the translation is complete.
"""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    LocaleSynchronization,
    StringSegment,
    StringTranslation,
    Translation,
)
from wagtail_localize.operations import translate_object

from cms.models import HelpArticlePage, HelpIndexPage, TranslationProgress, search_articles
from tests.cms.conftest import JAPANESE_ONLY_STEP as JAPANESE_STEP
from tests.cms.test_help_pages import _add_articles, _queries_for

# The article the tests translate: written in Japanese only (tests/cms/conftest.py).
SLUG = "bus-timetable"


def _locale(code):
    return Locale.objects.get(language_code=code)


def _article(slug, code="ja"):
    return HelpArticlePage.objects.get(slug=slug, locale__language_code=code)


@pytest.fixture
def localize(django_capture_on_commit_callbacks):
    """wagtail-localize publishes on commit: run its callbacks as a real request would."""

    class Localize:
        @staticmethod
        def translate(page, code):
            with django_capture_on_commit_callbacks(execute=True):
                translate_object(page, [_locale(code)])

        @staticmethod
        def publish(translation):
            with django_capture_on_commit_callbacks(execute=True):
                translation.save_target(publish=True)

    return Localize


def _translation_of(page, code):
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code=code
    )


def _english(segment):
    if segment.context.path == "slug":
        return segment.string.data
    return f"English text {segment.order}"


def _translate_segments(translation, *, leave_out=0):
    """Type a translation for every string segment but the last `leave_out` ones."""
    segments = list(
        StringSegment.objects.filter(source=translation.source)
        .select_related("string", "context")
        .order_by("order")
    )
    for segment in segments[: len(segments) - leave_out]:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": _english(segment)},
        )
    return len(segments)


def _assert_not_translated_notice(response, lang):
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{lang}"' in body
    main = body.split("<main", 1)[1]
    assert "help-steps" not in main
    assert JAPANESE_STEP not in main
    assert 'hreflang="ja"' in main and 'hreflang="ja-x-easy"' in main
    return main


def test_tree_sync_aliases_in_english_are_served_as_not_translated(client, japanese_only_article):
    """A locale set to "synchronise from Japanese" gets a live alias of every page."""
    LocaleSynchronization.objects.create(locale=_locale("en"), sync_from=_locale("ja"))
    alias = _article(SLUG, "en")
    assert alias.alias_of_id == _article(SLUG).pk and alias.live
    _assert_not_translated_notice(client.get("/en/help/bus-timetable/"), "en")
    _assert_not_translated_notice(client.get("/en/help/bus-timetable/print/"), "en")


def test_english_help_index_lists_no_alias_of_a_japanese_article(client, help_site):
    LocaleSynchronization.objects.create(locale=_locale("en"), sync_from=_locale("ja"))
    body = client.get("/en/help/").content.decode()
    assert "/en/help/text-size/" in body  # translated by hand: listed
    assert "/en/help/bus-timetable/" not in body
    assert JAPANESE_STEP not in body.split("<main", 1)[1]


def test_translate_this_page_publishes_japanese_text_at_once_and_readers_see_the_notice(
    client, japanese_only_article, localize
):
    """wagtail-localize's "Translate" on a live page publishes the target with every
    segment still in Japanese (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE). Here in a
    language whose help index was never made, so its parents are copied as aliases."""
    HelpIndexPage.objects.get(locale__language_code="vi").delete()
    source = _article(SLUG)
    localize.translate(source, "vi")
    target = _article(SLUG, "vi")
    assert target.live and target.alias_of_id is None
    assert JAPANESE_STEP in target.plain_text()  # what wagtail-localize published
    _assert_not_translated_notice(client.get("/vi/help/bus-timetable/"), "vi")
    # Its parents were copied as aliases: the Vietnamese index is a notice too.
    assert HelpIndexPage.objects.get(locale__language_code="vi").alias_of_id is not None
    _assert_not_translated_notice(client.get("/vi/help/"), "vi")


def test_a_partly_translated_translation_is_not_served_until_it_is_complete(
    client, japanese_only_article, localize
):
    source = _article(SLUG)
    localize.translate(source, "en")
    translation = _translation_of(source, "en")
    total = _translate_segments(translation, leave_out=1)
    localize.publish(translation)
    main = _assert_not_translated_notice(client.get("/en/help/bus-timetable/"), "en")
    assert "English text" not in main
    progress = TranslationProgress.objects.get(page=_article(SLUG, "en"))
    assert (progress.translated_segments, progress.total_segments) == (total - 1, total)
    assert "/en/help/bus-timetable/" not in client.get("/en/help/").content.decode()

    _translate_segments(translation)
    localize.publish(translation)
    response = client.get("/en/help/bus-timetable/")
    assert response.status_code == 200
    main = response.content.decode().split("<main", 1)[1]
    assert "English text" in main and "help-steps" in main
    assert JAPANESE_STEP not in main
    assert "/en/help/bus-timetable/" in client.get("/en/help/").content.decode()


def test_notice_offers_no_partial_translation_as_an_alternative(
    client, japanese_only_article, localize
):
    source = _article(SLUG)
    localize.translate(source, "en")
    body = client.get("/vi/help/bus-timetable/").content.decode()
    assert 'hreflang="en"' not in body.split("<main", 1)[1]


def test_cached_page_is_replaced_when_the_translation_is_completed(
    client, japanese_only_article, localize
):
    source = _article(SLUG)
    localize.translate(source, "en")
    translation = _translation_of(source, "en")
    _assert_not_translated_notice(client.get("/en/help/bus-timetable/"), "en")
    _translate_segments(translation)
    localize.publish(translation)
    assert "English text" in client.get("/en/help/bus-timetable/").content.decode()


def test_pages_written_directly_in_a_locale_are_served(client, help_site):
    """The seeded easy-Japanese articles are written directly, with no wagtail-localize
    translation; the seeded English ones are complete wagtail-localize translations."""
    body = client.get("/ja-x-easy/help/text-size/").content.decode()
    assert "help-steps" in body
    easy = _article("text-size", "ja-x-easy")
    assert not TranslationProgress.objects.filter(page=easy).exists()
    assert (
        "Make the text on your phone bigger" in client.get("/en/help/text-size/").content.decode()
    )
    assert TranslationProgress.objects.get(page=_article("text-size", "en")).complete


def test_stopping_the_synced_translation_and_publishing_by_hand_serves_the_page(
    client, japanese_only_article, localize
):
    """An editor who turns a translation into a page edited by hand answers for its text."""
    source = _article(SLUG)
    localize.translate(source, "en")
    translation = _translation_of(source, "en")
    translation.enabled = False
    translation.save(update_fields=["enabled"])
    target = _article(SLUG, "en")
    target.title = "Find your bus on the map"
    target.body = "[]"
    target.save_revision().publish()
    response = client.get("/en/help/bus-timetable/")
    assert "Find your bus on the map" in response.content.decode()


def test_editor_is_told_the_published_translation_is_not_shown_yet(
    client, japanese_only_article, editor, localize
):
    source = _article(SLUG)
    localize.translate(source, "en")
    target = _article(SLUG, "en")
    client.force_login(editor)
    listing = client.get(reverse("help_articles:index")).content.decode()
    assert "翻訳が終わるまで" in listing
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]), follow=True)
    assert edit.status_code == 200
    assert "翻訳が終わるまで" in edit.content.decode()


@pytest.mark.parametrize("url", ["/en/help/", "/en/help/text-size/"])
def test_query_count_does_not_grow_with_the_number_of_translations(
    client, help_site, localize, url
):
    """Guards an N+1 in the listing's filter and the serving hook's check."""
    before = _queries_for(client, url)
    index = HelpIndexPage.objects.get(locale__language_code="ja")
    _add_articles(index, 3)
    for article in HelpArticlePage.objects.child_of(index).filter(slug__startswith="extra-"):
        localize.translate(article, "en")
    assert _queries_for(client, url) <= before


def test_progress_is_only_recorded_for_wagtail_localize_translations(
    japanese_only_article, localize
):
    source = _article(SLUG)
    localize.translate(source, "ko")
    target = Page.objects.get(translation_key=source.translation_key, locale__language_code="ko")
    progress = TranslationProgress.objects.get(page=target)
    assert progress.translated_segments == 0 and not progress.complete


def test_class_topic_is_kept_from_the_source_not_offered_for_translation(
    japanese_only_article, localize
):
    """wagtail-localize offers every CharField; a translated topic key failed validation."""
    source = _article(SLUG)
    localize.translate(source, "en")
    translation = _translation_of(source, "en")
    paths = set(
        StringSegment.objects.filter(source=translation.source).values_list(
            "context__path", flat=True
        )
    )
    assert "topic_slug" not in paths and "title" in paths
    _translate_segments(translation)
    localize.publish(translation)
    target = HelpArticlePage.objects.get(
        translation_key=source.translation_key, locale__language_code="en"
    )
    assert target.topic_slug == source.topic_slug == "maps"


def test_search_in_english_finds_no_partial_translation(client, japanese_only_article, localize):
    localize.translate(_article(SLUG), "en")
    assert SLUG in [a.slug for a in search_articles("バス停", locale=_locale("ja"))]
    assert search_articles("バス停", locale=_locale("en")) == []
