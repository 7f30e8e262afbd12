"""The demo help pages in every language: listed, served whole, pictured, and safe.

Seeded once for the module (tests/cms/conftest.py); each test runs in a savepoint.
"""

import html
import io
import json
import re

import pytest
from django.utils import translation
from wagtail.models import Page
from wagtail_localize.models import Translation

from cms.demo_content import ARTICLES
from cms.languages import missing_notice
from cms.models import HelpArticlePage, TranslationProgress

LANGUAGES = ["ja", "ja-x-easy", "en", "zh-hans", "ko", "vi", "pt-br"]
# Made with wagtail-localize from the Japanese pages; easy Japanese is written directly.
TRANSLATED = ["en", "zh-hans", "ko", "vi", "pt-br"]
IMG = re.compile(r'<img alt="([^"]*)"[^>]*\ssrc="([^"]*)"')

# What a reader's safety or success depends on, as short markers every version must
# contain: a number, a name the phone or a caller uses (kept in Japanese in every
# language), or, where the words differ, the marker in each language.
SAFETY_FACTS = {
    "text-size": [
        "「ディスプレイ」",
        "「画面設定」",  # the same menu's other name on some Android phones
        "「フォントサイズと表示サイズ」",
        "らくらくスマートフォン",
        "「文字の大きさ」",
    ],
    "phone-scams": [
        "ATM",
        "還付金",  # what the caller says
        {
            "ja": "税務署",
            "ja-x-easy": "税務署",
            "en": "tax office",
            "zh-hans": "税务署",
            "ko": "세무서",
            "vi": "cơ quan thuế",
            "pt-br": "impostos",
        },
        "荷物",
        "今日",  # the hurry a scammer puts on: pay today
        "ポイント",
        "188",
        "消費者ホットライン",  # what 188 is
        "消費生活センター",
        "留守番電話",
    ],
    "mynumber-card-online": [
        "交付申請書",
        {code: "二维码" if code == "zh-hans" else "QR" for code in LANGUAGES},
        "「送信」",
        "交付通知書",
        {
            "ja": "お金はかかりません",
            "ja-x-easy": "お金は いりません",
            "en": "costs nothing",
            "zh-hans": "不需要任何费用",
            "ko": "돈이 들지 않습니다",
            "vi": "không mất tiền",
            "pt-br": "não custa nada",
        },
        {
            "ja": "メールはサギ",
            "ja-x-easy": "メールは サギ",
            "en": "email asking you for money is a scam",
            "zh-hans": "发邮件向您要钱的，都是诈骗",
            "ko": "메일은 사기",
            "vi": "email đòi tiền là lừa đảo",
            "pt-br": "e-mail pedindo dinheiro é golpe",
        },
    ],
    "line-send-photo": ["「トーク」", "「送信取消」", "24"],
    "map-find-bus": ["「経路」", "公共交通機関", "相模原市役所", "「出発時刻」"],
    "pay-with-phone": [
        "PayPay",
        "「スキャン」",
        "チャージ",
        {
            "ja": "家族にも",
            "ja-x-easy": "家族にも",
            "en": "not even your family",
            "zh-hans": "即使是家人",
            "ko": "가족에게도",
            "vi": "kể cả gia đình",
            "pt-br": "nem à família",
        },
    ],
    "health-insurance-card": [
        "マイナポータル",
        "「顔認証」",
        "「暗証番号」",
        "「受付が完了しました」",
        {
            "ja": "4けた",
            "ja-x-easy": "4つの 数字",
            "en": "4-digit",
            "zh-hans": "4位数",
            "ko": "4자리",
            "vi": "4 chữ số",
            "pt-br": "4 dígitos",
        },
        {
            "ja": "3回続けて",
            "ja-x-easy": "3回 つづけて",
            "en": "3 times in a row",
            "zh-hans": "连续输错3次",
            "ko": "3번 연속으로",
            "vi": "3 lần liên tiếp",
            "pt-br": "3 vezes seguidas",
        },
    ],
    "take-photo": [
        "「カメラ」",
        {
            "ja": "「写真」のアプリ",
            "ja-x-easy": "「写真」の アプリ",
            "en": "Photos app",
            "zh-hans": "“照片”应用",
            "ko": "사진 앱",
            "vi": "ứng dụng Ảnh",
            "pt-br": "aplicativo de fotos",
        },
    ],
}


def _prefix(code: str) -> str:
    return "" if code == "ja" else f"/{code}"


def test_the_safety_facts_cover_every_demo_article():
    assert set(SAFETY_FACTS) == {article.slug for article in ARTICLES}


@pytest.mark.parametrize("slug", SAFETY_FACTS)
def test_every_language_version_keeps_every_safety_fact(help_site, slug):
    missing = {}
    for code in LANGUAGES:
        text = HelpArticlePage.objects.get(slug=slug, locale__language_code=code).plain_text()
        for fact in SAFETY_FACTS[slug]:
            marker = fact if isinstance(fact, str) else fact[code]
            if marker not in text:
                missing.setdefault(code, []).append(marker)
    assert missing == {}


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_lists_all_eight_articles_on_its_help_index(client, help_site, code):
    response = client.get(f"{_prefix(code)}/help/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{code}"' in body
    listed = [a.slug for a in ARTICLES if f'href="{_prefix(code)}/help/{a.slug}/"' in body]
    assert listed == [a.slug for a in ARTICLES] and len(listed) == 8


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article.slug)
def test_each_article_is_served_whole_in_each_language_with_its_pictures(
    client, help_site, code, article
):
    response = client.get(f"{_prefix(code)}/help/{article.slug}/")
    assert response.status_code == 200
    body = response.content.decode()
    title, _summary, blocks = article.versions[code]
    assert f'<html lang="{code}"' in body
    assert f"<title>{html.escape(title, quote=False)}" in body
    with translation.override(code):
        assert missing_notice()[0] not in body
    main = body.split("<main", 1)[1]
    assert 'class="help-steps"' in main
    expected = [
        (step[2], step[1])
        for kind, value in blocks
        if kind == "steps"
        for step in value
        if isinstance(step, tuple)
    ]
    shown = [(html.unescape(alt), src.rsplit("/", 1)[1]) for alt, src in IMG.findall(main)]
    assert [alt for alt, _src in shown] == [alt for alt, _picture in expected]
    for (_alt, src), (_alt_expected, picture) in zip(shown, expected, strict=True):
        assert src.startswith(picture) and src.endswith(".svg")


def test_translated_pages_are_complete_wagtail_localize_translations(help_site):
    pages = Page.objects.filter(locale__language_code__in=TRANSLATED)
    # Home, accessibility, privacy, help index and eight articles in each language.
    assert pages.count() == 5 * 12
    assert not pages.filter(alias_of__isnull=False).exists()
    assert not pages.filter(live=False).exists()
    progress = TranslationProgress.objects.filter(page__in=pages)
    assert progress.count() == pages.count()
    assert not progress.filter(complete=False).exists()
    translations = Translation.objects.filter(target_locale__language_code__in=TRANSLATED)
    assert translations.count() == pages.count()
    total, done = translations.first().get_progress()
    assert total == done > 0


def test_japanese_quoted_in_another_language_is_marked_as_japanese(client, help_site):
    english = client.get("/en/help/text-size/").content.decode()
    assert 'Tap <span lang="ja">「設定」</span> (Settings).' in english
    chinese = client.get("/zh-hans/help/phone-scams/").content.decode()
    assert '<span lang="ja">「還付金があります」</span>' in chinese
    japanese = client.get("/help/text-size/").content.decode().split("<main", 1)[1]
    assert '<span lang="ja">' not in japanese


def test_an_article_costs_the_same_queries_whatever_its_number_of_pictures(
    client, help_site, django_assert_max_num_queries
):
    """Guards the N+1 of pictures: a query per picture for its rendition."""
    from django.core.cache import cache

    client.get("/help/text-size/")  # the renditions are made on the first view
    cache.clear()
    with django_assert_max_num_queries(20) as captured:
        assert client.get("/help/text-size/").status_code == 200
    renditions = [q for q in captured.captured_queries if "wagtailimages_rendition" in q["sql"]]
    assert len(renditions) == 1


def test_the_demo_seeds_every_translation_without_a_complaint(help_site):
    assert "not translated" not in help_site.stdout.getvalue()
    assert "ja 8, ja-x-easy 8, en 8, zh-hans 8, ko 8, vi 8, pt-br 8" in help_site.stdout.getvalue()


def test_a_second_seed_leaves_a_japanese_article_changed_by_an_editor_to_the_translators(
    help_site,
):
    """Seeding again after an editor rewrote the Japanese article saves no translation
    of the words it no longer has, says so, and seeds everything else."""
    from cms import demo as cms_demo
    from core.demo import SeedContext

    source = HelpArticlePage.objects.get(slug="take-photo", locale__language_code="ja")
    source.body = json.dumps([{"type": "paragraph", "value": "<p>書き直しました。</p>"}])
    source.save_revision().publish()
    HelpArticlePage.objects.get(slug="take-photo", locale__language_code="ko").delete()
    HelpArticlePage.objects.get(slug="text-size", locale__language_code="ko").delete()
    out = io.StringIO()
    cms_demo.seed(SeedContext(stdout=out, password="x", password_given=False))
    korean = HelpArticlePage.objects.filter(locale__language_code="ko")
    assert not korean.filter(slug="take-photo").exists()
    assert korean.filter(slug="text-size").exists()
    assert (
        "写真を撮って、あとで見る: not translated, the Japanese page says '書き直しました。'"
        in (out.getvalue())
    )


def test_a_translation_that_does_not_pair_with_the_japanese_saves_nothing(help_site):
    from wagtail.models import Locale

    from cms.demo import _article_fields
    from cms.demo_translation import ShapeMismatch, translate

    article = next(a for a in ARTICLES if a.slug == "take-photo")
    source = HelpArticlePage.objects.get(slug="take-photo", locale__language_code="ja")
    HelpArticlePage.objects.get(slug="take-photo", locale__language_code="vi").delete()
    fields_in = _article_fields(article, None)
    one_step_short = fields_in("vi")
    body = json.loads(one_step_short["body"])
    body[0]["value"].pop()
    one_step_short["body"] = json.dumps(body)
    with pytest.raises(ShapeMismatch, match="segment 8: Japanese .左下の小さな四角"):
        translate(
            source,
            Locale.objects.get(language_code="vi"),
            one_step_short,
            written_for=fields_in("ja"),
        )
    assert not HelpArticlePage.objects.filter(
        slug="take-photo", locale__language_code="vi"
    ).exists()


def test_every_translation_is_an_alternate_link_with_the_japanese_page_as_default(
    client, help_site, settings
):
    body = client.get("/en/help/text-size/").content.decode()
    base = settings.PUBLIC_BASE_URL
    for code in LANGUAGES:
        prefix = "" if code == "ja" else f"/{code}"
        url = f"{base}{prefix}/help/text-size/"
        assert f'<link rel="alternate" hreflang="{code}" href="{url}">' in body
    assert f'<link rel="alternate" hreflang="x-default" href="{base}/help/text-size/">' in body
    assert "language-switcher__missing" not in body


def test_switcher_and_alternates_show_only_the_languages_a_page_has(client, japanese_only_article):
    body = client.get("/help/bus-timetable/").content.decode()
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', body)
    assert alternates == ["ja", "ja-x-easy", "x-default"]
    switcher = body.split('class="language-switcher"')[1].split("</nav>")[0]
    # The two it has carry no "missing" mark.
    assert 'hreflang="ja" aria-current="true">' in switcher
    assert 'hreflang="ja-x-easy">' in switcher
    for code in ("en", "zh-hans", "ko", "vi", "pt-br"):
        assert f'hreflang="{code}" class="language-switcher__missing">' in switcher
    assert switcher.count("（未翻訳）") == 5
    # Marked in the reader's interface language on an English page.
    english = client.get("/en/help/").content.decode()
    assert "(not translated yet)" not in english  # the index exists in every language
