"""One demo article in each language in Chromium: axe-clean, light, with its pictures shown."""

import pytest

from tests.browser.axe import axe_violations
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

ONE_ARTICLE_PER_LANGUAGE = {
    "ja": "/help/phone-scams/",
    "ja-x-easy": "/ja-x-easy/help/line-send-photo/",
    "en": "/en/help/text-size/",
    "zh-hans": "/zh-hans/help/map-find-bus/",
    "ko": "/ko/help/health-insurance-card/",
    "vi": "/vi/help/pay-with-phone/",
    "pt-br": "/pt-br/help/mynumber-card-online/",
}
# DESIGN.md: a public page is at most 100 KB on first load without images. Each
# picture is a hand-made SVG of a few KB.
PAGE_LIMIT = 100 * 1024
PICTURE_LIMIT = 4 * 1024


@pytest.fixture
def help_live(live_server, transactional_db, settings):
    from tests.cms.conftest import seed_help_site

    settings.ROOT_URLCONF = "tests.browser.media_urls"
    seed_help_site()
    return live_server


def _transfers(page) -> list[tuple[str, int]]:
    """(kind, bytes) of everything the page has loaded: the document, then each resource
    ("img", "link", "script"…), as transferred (encoded, with headers)."""
    return page.evaluate(
        """() => [...performance.getEntriesByType("navigation"),
                  ...performance.getEntriesByType("resource")]
                 .map(e => [e.initiatorType, e.transferSize])"""
    )


def test_one_article_per_language_is_axe_clean_light_and_shows_its_pictures(help_live, new_page):
    # One test for the seven languages: the site is seeded once (tens of seconds).
    found = {}
    for code, path in ONE_ARTICLE_PER_LANGUAGE.items():
        page = new_page(viewport=PHONE)
        page.goto(f"{help_live.url}{path}", wait_until="networkidle")
        assert page.locator("html").get_attribute("lang") == code
        without_images = sum(size for kind, size in _transfers(page) if kind != "img")
        pictures = page.locator("main .help-step__figure img")
        count = pictures.count()
        for n in range(count):  # lazy-loaded: bring each into view
            pictures.nth(n).scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        shown = page.evaluate(
            "() => [...document.querySelectorAll('main .help-step__figure img')]"
            ".filter(img => img.complete && img.naturalWidth > 0 && img.alt.trim()).length"
        )
        largest_picture = max((size for kind, size in _transfers(page) if kind == "img"), default=0)
        found[code] = {
            "axe": axe_violations(page),
            "light": without_images <= PAGE_LIMIT,
            "pictures shown": count > 0 and shown == count,
            "pictures small": 0 < largest_picture <= PICTURE_LIMIT,
        }
    expected = {"axe": [], "light": True, "pictures shown": True, "pictures small": True}
    assert found == {code: expected for code in ONE_ARTICLE_PER_LANGUAGE}
