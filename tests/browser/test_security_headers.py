"""Pages in Chromium with the Content-Security-Policy enforced: nothing they need is refused.

The other browser tests open pages with bypass_csp (Playwright's own helpers are
refused by the policy); these open them as a visitor's browser does.
"""

import pytest
from django.test import Client

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser


@pytest.fixture
def help_live(live_server, transactional_db):
    from tests.cms.conftest import seed_help_site

    seed_help_site()
    return live_server


def _watch(page) -> list[str]:
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else None)
    return refused


def test_help_page_reads_aloud_and_switches_furigana_under_the_policy(help_live, new_page):
    page = new_page(viewport=PHONE, bypass_csp=False)
    refused = _watch(page)
    page.goto(f"{help_live.url}/help/text-size/")
    page.wait_for_load_state("networkidle")
    if page.evaluate("'speechSynthesis' in window"):
        # reading-aids.js ran: it adds the button only where speech is available.
        assert page.get_by_role("button", name="読み上げる").count() == 1
    with page.expect_navigation():  # back to the same address: wait for the new page
        page.get_by_role("button", name="ふりがな").click()
    assert page.locator("article rt").count() > 0
    assert refused == []


def test_wagtails_admin_works_under_its_relaxed_policy(help_live, new_page, editor):
    page = new_page(bypass_csp=False)
    client = Client()
    client.force_login(editor)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": help_live.url}]
    )
    refused = _watch(page)
    page.goto(f"{help_live.url}/admin/pages/")
    page.wait_for_load_state("networkidle")
    assert page.locator("main, #main").count() > 0
    assert refused == []
