"""The printed handout: the real public address, a QR code to the article, one A4 page."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from cms.demo_content import ARTICLES


class LocalFiles(URLFetcher):
    """Stylesheets and pictures from disk, as the browser would fetch them; nothing else."""

    def fetch(self, url, headers=None):
        path = re.sub(r"^https?://[^/]+", "", url)
        if path.startswith(settings.STATIC_URL):
            local = Path(finders.find(path.removeprefix(settings.STATIC_URL)))
        elif path.startswith(settings.MEDIA_URL):
            with default_storage.open(path.removeprefix(settings.MEDIA_URL)) as picture:
                headers = {"Content-Type": "image/svg+xml" if url.endswith(".svg") else ""}
                return URLFetcherResponse(url, picture.read(), headers)
        else:
            raise ValueError(f"the handout fetched {url}")
        return super().fetch(local.as_uri(), headers)


def _pages(client, url) -> int:
    html = client.get(url).content.decode()
    document = HTML(string=html, base_url="http://testserver/", url_fetcher=LocalFiles())
    return len(document.render().pages)


def test_footer_has_the_public_address_and_a_qr_code_to_it(client, help_site, settings):
    settings.PUBLIC_BASE_URL = "https://tsunagu.city.sagamihara.example"
    body = client.get("/en/help/line-send-photo/print/").content.decode()
    footer = body.split('class="handout__footer"')[1]
    assert "https://tsunagu.city.sagamihara.example/en/help/line-send-photo/</span>" in footer
    assert '<svg role="img"' in footer and 'class="handout__qr-code"' in footer
    assert "<title>Scan with your phone" in footer
    assert "testserver" not in footer


@pytest.mark.parametrize("slug", [article.slug for article in ARTICLES])
def test_handout_fits_one_a4_page(client, help_site, slug):
    pages = {
        url: _pages(client, url)
        for url in (f"/help/{slug}/print/", f"/ja-x-easy/help/{slug}/print/")
    }
    assert set(pages.values()) == {1}, pages


def test_a_caption_quoting_the_screen_is_marked_japanese_on_the_handout(client, help_site):
    """As on the article page: a screen reader reads 「設定」 with its Japanese voice."""
    from cms.models import HelpArticlePage

    page = HelpArticlePage.objects.get(slug="text-size", locale__language_code="en")
    steps = next(block for block in page.body if block.block_type == "steps")
    next(step for step in steps.value if step["image"])["caption"] = "The gear, 「設定」."
    page.save_revision().publish()
    body = client.get("/en/help/text-size/print/").content.decode()
    assert '<figcaption>The gear, <span lang="ja">「設定」</span>.</figcaption>' in body


def test_a_video_title_quoting_the_screen_is_marked_japanese_on_the_handout(client, help_site):
    """The handout names the article's video; a title quoting the phone's Japanese screen
    is read with the Japanese voice there, as on the article page."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from cms.models import HelpArticlePage

    document = get_document_model()
    video = document.objects.create(title="video", file=ContentFile(b"", name="text-size.mp4"))
    captions = document.objects.create(title="vtt", file=ContentFile(b"", name="text-size.vtt"))
    page = HelpArticlePage.objects.get(slug="text-size", locale__language_code="en")
    title = "Opening 「設定」 & the text size"
    page.body.append(
        ("video", {"title": title, "video": video, "captions": captions, "transcript": ""})
    )
    page.save_revision().publish()
    marked = 'Opening <span lang="ja">「設定」</span> &amp; the text size'
    handout = client.get("/en/help/text-size/print/").content.decode()
    assert f"<p>Video: {marked}</p>" in handout
    article = client.get("/en/help/text-size/").content.decode()
    assert f"<figcaption>{marked}</figcaption>" in article
