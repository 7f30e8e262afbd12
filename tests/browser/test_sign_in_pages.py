"""The sign-in page with the city account button, and the page that turns an unknown
person away, in Chromium: axe-clean, a big enough button, and no JavaScript needed."""

import pytest

from tests.browser.axe import axe_violations
from tests.browser.conftest import PHONE

CITY_PROVIDER = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "city",
                "name": "City",
                "client_id": "tsunagu",
                "secret": "unused-here",
                "settings": {"server_url": "http://127.0.0.1:9/"},
            }
        ]
    }
}


@pytest.fixture
def live_site(live_server, transactional_db, site_pages, settings):
    settings.SOCIALACCOUNT_PROVIDERS = CITY_PROVIDER
    return live_server


def test_the_city_account_button_is_big_and_the_page_axe_clean(live_site, new_page):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(f"{live_site.url}/accounts/login/")

    button = page.get_by_role("button", name="市の職員アカウントでログイン")
    box = button.bounding_box()
    assert box["height"] >= 48
    assert page.locator('form[action^="/accounts/oidc/city/login/"][method="post"]').count() == 1

    scripted = new_page(viewport=PHONE)
    scripted.goto(f"{live_site.url}/accounts/login/")
    assert axe_violations(scripted) == []


def test_the_no_account_page_is_axe_clean_in_japanese_and_english(live_site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(f"{live_site.url}/accounts/signup/")

    assert page.locator("main h1").inner_text() == "ログインできませんでした"
    assert page.locator('section[lang="en"] h2').inner_text() == "No account found"
    assert axe_violations(page) == []
