"""Help pages in Chromium: axe-clean in Japanese and English, furigana toggles, print view."""

import pytest

from tests.browser.axe import axe_violations
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser


@pytest.fixture
def help_live(live_server, transactional_db):
    from tests.cms.conftest import seed_help_site

    seed_help_site()
    return live_server


HELP_PAGES = [
    "/help/",
    "/help/phone-scams/",
    "/en/help/",
    "/en/help/phone-scams/",
    "/ja-x-easy/help/text-size/",
]


def test_help_pages_have_no_axe_violations(help_live, page):
    # One test for all five pages: the site is seeded once (5 s or more) instead of five times.
    found = {}
    for path in HELP_PAGES:
        page.goto(f"{help_live.url}{path}")
        found[path] = axe_violations(page)
    assert found == {path: [] for path in HELP_PAGES}


def test_resident_turns_on_furigana_on_a_phone_and_prints_the_handout(help_live, new_page):
    page = new_page(viewport=PHONE)
    page.goto(f"{help_live.url}/help/text-size/")
    assert page.locator("article rt").count() == 0
    # The form sends the reader back to the same address, which wait_for_url would
    # match at once, before the new page has loaded: wait for the navigation itself.
    with page.expect_navigation():
        page.get_by_role("button", name="ふりがな").click()
    assert page.locator("article rt").count() > 0
    # Remembered on the next page, and switched off again.
    page.goto(f"{help_live.url}/help/line-send-photo/")
    assert page.locator("article rt").count() > 0
    with page.expect_navigation():
        page.get_by_role("button", name="ふりがな").click()
    assert page.locator("article rt").count() == 0
    # The print handout: A4, steps, nothing of the site's header.
    page.goto(f"{help_live.url}/help/line-send-photo/print/")
    page.emulate_media(media="print")
    assert page.locator(".handout__steps li").count() == 5
    assert not page.locator(".handout__screen-only").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_larger_text_makes_body_text_bigger(help_live, page):
    page.goto(f"{help_live.url}/help/text-size/")
    before = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    with page.expect_navigation():
        page.get_by_role("button", name="文字を大きく").click()
    after = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert before >= 18 and after > before


def test_read_aloud_button_appears_only_with_javascript(help_live, new_page):
    page = new_page()
    page.goto(f"{help_live.url}/help/text-size/")
    assert page.get_by_role("button", name="読み上げる").count() in (0, 1)
    no_js = new_page(java_script_enabled=False)
    no_js.goto(f"{help_live.url}/help/text-size/")
    assert no_js.get_by_role("button", name="読み上げる").count() == 0
