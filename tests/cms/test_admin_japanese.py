"""The Wagtail admin reads as Japanese to the city's editors: page type names without an
English "s", phone names as written, no avatar from gravatar.com, the page in Japanese."""

import re

import pytest
from django.test import override_settings

from cms.models import HelpArticlePage, HelpIndexPage, HomePage

pytestmark = pytest.mark.django_db

# "（記事）s", "ページs": a Japanese name with Wagtail's English plural added.
ENGLISH_PLURAL = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff）]s\b")


@pytest.fixture
def editor_client(client, editor, help_site):
    client.force_login(editor)
    return client


def _admin_pages():
    index = HelpIndexPage.objects.filter(locale__language_code="ja").first()
    article = HelpArticlePage.objects.filter(locale__language_code="ja").first()
    home = HomePage.objects.filter(locale__language_code="ja").first()
    return [
        "/admin/",
        f"/admin/pages/{index.pk}/",
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/add/cms/helparticlepage/{index.pk}/",
        f"/admin/pages/{home.pk}/add_subpage/",  # the choice of page types
        f"/admin/pages/{home.pk}/",
        "/admin/help_articles/",
        "/admin/pages/search/?q=スマホ",
    ]


def test_admin_pages_have_no_english_plural_and_no_gravatar(editor_client):
    for url in _admin_pages():
        response = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        body = response.content.decode()
        assert response.status_code == 200, url
        assert '<html lang="ja"' in body, url
        assert not ENGLISH_PLURAL.findall(body), (url, ENGLISH_PLURAL.findall(body)[:5])
        assert "gravatar" not in body, url


def test_the_article_form_names_the_phones_as_written(editor_client):
    article = HelpArticlePage.objects.filter(locale__language_code="ja").first()
    body = editor_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "iPhone" in body
    assert "IPhone" not in body


def test_the_page_listing_widens_the_title_column(editor_client):
    index = HelpIndexPage.objects.filter(locale__language_code="ja").first()
    body = editor_client.get(f"/admin/pages/{index.pk}/").content.decode()
    assert "css/admin.css" in body
    assert re.search(r'<t[hd][^>]*class="[^"]*\btitle\b', body)


def test_the_admin_offers_only_japanese_and_english(editor_client):
    body = editor_client.get("/admin/account/").content.decode()
    for code in ("ja", "en"):
        assert f'value="{code}"' in body
    for code in ("ja-x-easy", "zh-hans", "vi", "pt-br"):
        assert f'value="{code}"' not in body


def test_without_the_setting_wagtail_would_show_a_gravatar(editor_client):
    """The gravatar check above can fail: Wagtail's default does link an avatar."""
    with override_settings(WAGTAIL_GRAVATAR_PROVIDER_URL="//www.gravatar.com/avatar"):
        body = editor_client.get("/admin/").content.decode()
    assert "gravatar" in body
