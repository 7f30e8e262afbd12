"""A coordinator signs in with TOTP and reaches the Wagtail admin; the home page is axe-clean."""

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from core.roles import Role
from tests.browser.axe import axe_violations
from tests.browser.conftest import PHONE
from tests.conftest import ensure_migration_data
from tests.factories import TEST_PASSWORD, UserFactory


def current_totp_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


@pytest.fixture
def live_site(live_server, transactional_db, site_pages):
    return live_server


def test_coordinator_signs_in_with_totp_and_reaches_the_admin(live_site, page):
    ensure_migration_data()
    coordinator = UserFactory(email="coord@example.jp", role=Role.COORDINATOR)
    secret = generate_totp_secret()
    TOTP.activate(coordinator, secret)

    page.goto(f"{live_site.url}/accounts/login/")
    page.locator("#id_login").fill("coord@example.jp")
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()

    # allauth asks for the authenticator code before the session is signed in.
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.locator("#id_code").fill(current_totp_code(secret))
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()

    page.goto(f"{live_site.url}/admin/")
    assert "/admin/" in page.url and "login" not in page.url
    assert page.locator("#wagtail").count() == 1 or page.locator("main").count() >= 1
    assert page.title().endswith("Wagtail") or "Wagtail" in page.content()


def test_coordinator_without_totp_is_sent_to_set_it_up(live_site, page):
    UserFactory(email="new-coord@example.jp", role=Role.COORDINATOR)
    page.goto(f"{live_site.url}/accounts/login/")
    page.locator("#id_login").fill("new-coord@example.jp")
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.goto(f"{live_site.url}/admin/")
    # allauth asks for the password once more before an authenticator is added.
    if "/accounts/reauthenticate/" in page.url:
        page.locator("#id_password").fill(TEST_PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_load_state()
    assert "/accounts/2fa/totp/activate/" in page.url
    assert page.locator("#id_code").count() == 1


@pytest.mark.parametrize("path", ["/", "/en/", "/accessibility/", "/en/privacy/"])
def test_public_pages_have_no_axe_violations(live_site, new_page, path):
    page = new_page(viewport=PHONE)
    page.goto(f"{live_site.url}{path}")
    assert page.locator("main h1").count() == 1
    assert axe_violations(page) == []


def test_home_page_offers_three_big_choices_and_works_without_javascript(live_site, new_page):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(f"{live_site.url}/")
    choices = page.locator(".big-choice")
    assert choices.count() == 3
    for index in range(3):
        box = choices.nth(index).bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48
    body_size = page.evaluate("getComputedStyle(document.body).fontSize")
    assert float(body_size.removesuffix("px")) >= 18
