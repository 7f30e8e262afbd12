"""The printed handout in Chromium: how many A4 pages each article takes at its print size.

The whole table (every demo article in Japanese, easy Japanese and English) is in
docs/help-articles.md; it is printed by

    HANDOUT_TABLE=1 .venv/bin/python -m pytest tests/browser/test_handout.py -s -k table \
        -p no:cacheprovider
"""

import io
import os

import pytest
from pypdf import PdfReader

from cms.demo_content import ARTICLES

pytestmark = pytest.mark.browser

PREFIXES = {"ja": "", "ja-x-easy": "/ja-x-easy", "en": "/en"}


@pytest.fixture
def help_live(live_server, transactional_db, settings):
    from tests.cms.conftest import seed_help_site

    # The steps' pictures, which the print shows beside each step.
    settings.ROOT_URLCONF = "tests.browser.media_urls"
    seed_help_site()
    return live_server


def handout_pages(page, base_url: str, slug: str, language: str) -> int:
    """The A4 pages Chromium prints for one article's handout (as "Print" in the browser)."""
    page.goto(f"{base_url}{PREFIXES[language]}/help/{slug}/print/")
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    return len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)


# The two fullest sheets at 14pt (docs/help-articles.md): the easy-Japanese warning
# against phone scams (97 % of the sheet), and the text-size steps (eight steps, six
# pictures, a tip: 96 % in English). A change that pushes either onto a second sheet shows here.
REPRESENTATIVE = {("phone-scams", "ja-x-easy"): 1, ("text-size", "ja"): 1, ("text-size", "en"): 1}
PT = 96 / 72  # CSS pixels per point


def _points(page, selector: str, pseudo: str = "null") -> float:
    size = page.evaluate(
        f"getComputedStyle(document.querySelector('{selector}'), {pseudo}).fontSize"
    )
    return round(float(size.removesuffix("px")) / PT, 1)


def test_the_handout_prints_large_type_on_the_pages_measured(help_live, page):
    printed = {
        (slug, language): handout_pages(page, help_live.url, slug, language)
        for slug, language in REPRESENTATIVE
    }
    assert printed == REPRESENTATIVE
    # The last one printed (text-size, English), as print media lays it out.
    assert _points(page, ".handout__steps li") >= 14
    assert _points(page, ".handout h1") >= 21 and _points(page, ".handout__body h2") >= 16
    weight = page.evaluate(
        "getComputedStyle(document.querySelector('.handout__steps li'), '::before').fontWeight"
    )
    assert int(weight) >= 700


# A4 less the 10 mm margins of static/css/cms.css, in CSS pixels (96 per inch).
SHEET_WIDTH, SHEET_HEIGHT = round(190 / 25.4 * 96), round(277 / 25.4 * 96)


def sheet_filled(page) -> float:
    """How much of one sheet's height the handout on `page` fills, laid out at its width."""
    page.set_viewport_size({"width": SHEET_WIDTH, "height": SHEET_HEIGHT})
    height = page.evaluate("document.querySelector('.handout__page').offsetHeight")
    return height / SHEET_HEIGHT


@pytest.mark.skipif(not os.environ.get("HANDOUT_TABLE"), reason="a measurement: HANDOUT_TABLE=1")
def test_print_the_table_of_pages(help_live, page):
    rows = ["| article | " + " | ".join(PREFIXES) + " |", "| --- |" + " --- |" * len(PREFIXES)]
    for article in ARTICLES:
        cells = []
        for language in PREFIXES:
            pages = handout_pages(page, help_live.url, article.slug, language)
            cells.append(f"{pages} ({sheet_filled(page):.0%})")
        rows.append(f"| {article.slug} | " + " | ".join(cells) + " |")
    print("\n" + "\n".join(rows))
