"""jReadability: the band editors see, the stored score, and the demo's easy articles."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from cms import easy_japanese, readability
from cms.blocks import rich_text_lines
from cms.demo import reading_levels
from cms.models import HelpArticlePage


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (6.2, "初級前半"),
        (5.5, "初級前半"),
        (4.5, "初級後半"),
        (4.49, "中級前半"),
        (3.0, "中級後半"),
        (2.0, "上級前半"),
        (0.7, "上級後半"),
        (-1.0, "上級後半"),
    ],
)
def test_score_falls_in_its_band(value, name):
    assert str(readability.band(value)) == name


def test_band_ranges_cover_the_scale_without_gaps():
    assert readability.band_range("beginner_early") == (5.5, None)
    assert readability.band_range("beginner_late") == (4.5, 5.5)
    assert readability.band_range("advanced_late") == (None, 1.5)


def test_easy_text_scores_higher_than_official_text():
    easy = readability.score("スマホの 字を 大きく します。「設定」を おします。")
    official = readability.score(
        "本人確認書類の提出に際しては、申請者本人の署名又は記名押印が必要となります。"
    )
    assert easy > official
    assert readability.score("。、") is None


def test_a_title_without_a_full_stop_is_its_own_sentence():
    """Lines with no 「。」 would otherwise join the next line into one long sentence."""
    assert readability.as_sentences("見出し\n本文です。\n") == "見出し。\n本文です。"


def test_every_easy_demo_article_reads_as_beginner_and_easier_than_its_standard_version():
    levels = reading_levels()
    assert len(levels) == 8
    for slug, standard, easy in levels:
        assert easy >= readability.EASY_TARGET, (slug, easy)
        assert easy > standard, (slug, standard, easy)


def test_list_items_are_lines_of_their_own_not_one_long_sentence():
    html = (
        "<p>つかう もの</p><ul><li>マイナンバーカードを 作る ときに もらった 紙</li>"
        "<li>スマホと 顔の 写真と 4つの 数字を おぼえて いる こと</li>"
        "<li>市役所から とどいた 手紙の 中に ある QRコード</li></ul>"
    )
    text = rich_text_lines(html)
    assert text.splitlines()[1] == "マイナンバーカードを 作る ときに もらった 紙"
    assert len(text.splitlines()) == 4
    report = easy_japanese.check(text, easy=True)
    assert "long" not in {advice.kind for advice in report.advice}


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("市役所に 行きます。", "役所"),
        ("保険証を 見せます。", "証"),
        ("電話番号を 書きます。", "番号"),
    ],
)
def test_advice_never_flags_part_of_a_word(text, part):
    assert part not in easy_japanese._hard_words(text)
    report = easy_japanese.check(text, easy=True)
    assert "vocabulary" not in {advice.kind for advice in report.advice}


def test_advice_still_names_a_hard_word_whole():
    assert easy_japanese._hard_words("還付金が あります。") == ["還付金"]


def test_every_seeded_easy_article_stores_its_band_and_beats_its_standard_version(help_site):
    for easy in HelpArticlePage.objects.filter(locale__language_code="ja-x-easy"):
        standard = easy.get_translation(Locale.objects.get(language_code="ja"))
        assert easy.reading_level >= readability.EASY_TARGET, easy.slug
        assert easy.reading_level > standard.reading_level, easy.slug
    english = HelpArticlePage.objects.filter(locale__language_code="en").first()
    assert english.reading_level is None


def test_score_is_updated_on_save(help_site):
    page = HelpArticlePage.objects.get(slug="text-size", locale__language_code="ja")
    before = page.reading_level
    page.summary = "本人確認書類の提出に際しては、申請者本人の署名又は記名押印が必要となります。"
    page.save(update_fields=["summary"])
    page.refresh_from_db()
    assert page.reading_level < before


def test_editor_sees_the_band_in_the_editor_and_sorts_and_filters_the_listing(
    client, help_site, editor
):
    client.force_login(editor)
    easy = HelpArticlePage.objects.get(slug="text-size", locale__language_code="ja-x-easy")
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[easy.pk])).content.decode()
    assert "文章のレベル: 初級前半" in edit

    url = reverse("help_articles:index")
    listing = client.get(url, {"ordering": "reading_level"})
    assert listing.status_code == 200
    rows = [p for p in listing.context["pages"] if p.reading_level is not None]
    assert [p.reading_level for p in rows] == sorted(p.reading_level for p in rows)

    beginners = client.get(url, {"reading_level": "beginner_early"}).context["pages"]
    assert [p.slug for p in beginners] == ["text-size"]
    assert "初級前半" in client.get(url).content.decode()

    live = client.post(reverse("cms_easy_japanese_check"), {"text": "写真を とります。"}).json()
    assert live["level_name"] and live["level"] is not None
