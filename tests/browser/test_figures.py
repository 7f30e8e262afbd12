"""The figures pages in Chromium: axe-clean, readable without JavaScript, charts in greyscale."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.browser.conftest import DESKTOP, PHONE
from tests.conftest import ensure_migration_data


@pytest.fixture
def site(live_server, transactional_db):
    ensure_migration_data()
    return live_server


def _signed_in(new_page, server, user, **kwargs):
    page = new_page(**kwargs)
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server.url}]
    )
    return page


def test_the_dashboard_report_and_targets_are_axe_clean(
    site,
    world,
    new_page,
    figures_viewer,
    coordinator_with_totp,
):
    year = world.year.start_year
    viewer = _signed_in(new_page, site, figures_viewer, viewport=DESKTOP)
    for path in (f"/desk/figures/?year={year}", f"/desk/figures/report/?year={year}"):
        viewer.goto(f"{site.url}{path}")
        assert axe_violations(viewer) == [], path
    viewer.goto(f"{site.url}/desk/figures/?year=1999")
    assert "その年度の集計はありません" in viewer.content()
    assert axe_violations(viewer) == []
    desk = _signed_in(new_page, site, coordinator_with_totp, viewport=PHONE)
    desk.goto(f"{site.url}/desk/figures/targets/?year={year}")
    desk.fill("#id_residents_reached", "-3")
    desk.get_by_role("button", name="目標値を保存する").click()
    assert "0以上の数を入力してください" in desk.content()
    assert axe_violations(desk) == []


def test_the_charts_need_no_javascript_and_every_one_has_its_table_and_summary(
    site,
    world,
    new_page,
    figures_viewer,
):
    page = _signed_in(new_page, site, figures_viewer, java_script_enabled=False)
    page.goto(f"{site.url}/desk/figures/?year={world.year.start_year}")
    figures = page.locator("section.figure-section figure")
    assert figures.count() == 9
    for index in range(figures.count()):
        figure = figures.nth(index)
        assert figure.locator("svg[role=img] title").count() == 1
        assert figure.locator("figcaption").inner_text().strip()
        section = figure.locator("xpath=..")
        assert section.locator("table").count() == 1
    # The filter form is a plain GET form: it works without a script.
    page.select_option("#id_district", "fujino")
    page.get_by_role("button", name="表示する").click()
    # The URL changes before the new page has loaded: wait for the page itself.
    page.wait_for_url("**district=fujino**", wait_until="load")
    expect(page.locator("main")).to_contain_text("藤野の教室")


def test_the_series_of_a_chart_differ_in_greyscale_not_only_in_colour(
    site,
    world,
    new_page,
    figures_viewer,
):
    page = _signed_in(new_page, site, figures_viewer)
    page.goto(f"{site.url}/desk/figures/?year={world.year.start_year}")
    bars = page.locator("#districts svg rect[stroke]")
    fills = {bars.nth(i).get_attribute("fill") for i in range(bars.count())}
    # One series is solid, the other a hatch pattern: distinct shapes, whatever the colours.
    assert any(fill.startswith("url(#") for fill in fills)
    assert any(fill.startswith("#") for fill in fills)
    page.emulate_media(color_scheme="light")
    page.add_style_tag(content="html { filter: grayscale(100%); }")
    assert axe_violations(page) == []
