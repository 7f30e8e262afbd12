"""The header on a phone (390×844): at most a quarter of the screen, languages behind a disclosure."""

import pytest

from tests.browser.axe import axe_violations
from tests.browser.conftest import PHONE
from tests.factories import ClassSessionFactory

pytestmark = pytest.mark.browser

# A quarter of the phone's 844 px height.
MOST = PHONE["height"] // 4


@pytest.fixture
def a_class(transactional_db):
    return ClassSessionFactory(title="LINEで家族とやりとり")


def _header_height(page) -> float:
    return page.locator(".site-header").bounding_box()["height"]


@pytest.mark.parametrize("prefix", ["", "/ja-x-easy", "/pt-br", "/vi"])
def test_the_header_takes_at_most_a_quarter_of_a_phone_screen(
    live_server, a_class, new_page, prefix
):
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}{prefix}/classes/{a_class.pk}/register/")
    assert _header_height(page) <= MOST
    assert page.locator(".language-switcher a").first.is_hidden()
    assert axe_violations(page) == []


def test_the_language_list_opens_without_javascript_and_switches(live_server, a_class, new_page):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(f"{live_server.url}/classes/{a_class.pk}/")
    page.locator(".language-switcher summary").click()
    english = page.get_by_role("link", name="English")
    assert english.is_visible()
    english.click()
    assert page.url == f"{live_server.url}/en/classes/{a_class.pk}/"


def test_the_open_language_list_is_axe_clean(live_server, a_class, new_page):
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/classes/")
    page.locator(".language-switcher summary").click()
    assert page.get_by_role("link", name="English").is_visible()
    assert axe_violations(page) == []
