"""A Vietnamese resident on a phone: Latin fonts for Vietnamese, Japanese fonts for
Japanese place names, the language switcher, and axe in every resident language."""

import pytest

from tests.browser.axe import axe_violations
from tests.browser.conftest import PHONE
from tests.factories import ClassSessionFactory, DistrictFactory, TopicFactory, VenueFactory

pytestmark = pytest.mark.browser

# What Chromium on this machine draws with: DejaVu Sans has every Vietnamese letter,
# IPAGothic (fonts-ipafont-gothic) the Japanese ones.
LATIN_FONT = "DejaVu Sans"
JAPANESE_FONT = "IPAGothic"


@pytest.fixture
def fujino_class(transactional_db):
    fujino = DistrictFactory(code="fujino", name="藤野", name_en="Fujino", is_mountainous=True)
    venue = VenueFactory(
        district=fujino, name="藤野公民館", name_en="", address="相模原市緑区小渕2000"
    )
    topic = TopicFactory(slug="basics", title="スマホの基本", title_en="Smartphone basics")
    return ClassSessionFactory(venue=venue, topic=topic)


def _fonts_drawing(page, selector: str) -> dict[str, int]:
    """The fonts Chromium really used for an element's text, with their glyph counts."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def _names_chromium_gives(page, role: str) -> list[str]:
    """The accessible names Chromium itself computes (what a screen reader is given),
    not Playwright's own reckoning."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Accessibility.enable")
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    return [
        node["name"]["value"]
        for node in nodes
        if node.get("role", {}).get("value") == role and "name" in node
    ]


def test_vietnamese_is_drawn_in_one_latin_font_and_place_names_in_a_japanese_one(
    live_server, fujino_class, new_page
):
    page = new_page(viewport=PHONE, locale="vi-VN")
    page.goto(f"{live_server.url}/vi/classes/")
    # "lớp học", "điện thoại": stacked diacritics, every glyph from the Latin font.
    assert page.locator("h1").inner_text() == "Tìm lớp học điện thoại thông minh"
    assert set(_fonts_drawing(page, "h1")) == {LATIN_FONT}
    page.goto(f"{live_server.url}/vi/classes/{fujino_class.pk}/")
    # The venue has no English name: its Japanese name is marked and drawn in Japanese.
    assert page.locator('.summary-list span[lang="ja"]').first.inner_text() == "藤野公民館"
    assert set(_fonts_drawing(page, '.summary-list span[lang="ja"]')) == {JAPANESE_FONT}
    assert axe_violations(page) == []


def test_the_switcher_names_each_language_in_its_own_script_and_keeps_the_page(
    live_server, fujino_class, new_page
):
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/classes/{fujino_class.pk}/")
    page.locator(".language-switcher summary").click()
    assert set(_fonts_drawing(page, '.language-switcher a[lang="vi"]')) == {LATIN_FONT}
    page.get_by_role("link", name="Tiếng Việt").click()
    assert page.url == f"{live_server.url}/vi/classes/{fujino_class.pk}/"
    assert page.get_by_role("link", name="Đăng ký lớp học này").is_visible()
    page.locator(".language-switcher summary").click()
    page.get_by_role("link", name="やさしい にほんご").click()
    assert page.url == f"{live_server.url}/ja-x-easy/classes/{fujino_class.pk}/"
    # Furigana is on by default in easy Japanese: drawn over 教室 for the eye, never part
    # of the link's name, or a screen reader would say 教室 twice (as kanji, then as kana).
    # (The button lays out its words as boxes, so Chromium puts a space after the ruby.)
    register = page.get_by_role("link", name="この 教室 に もうしこむ", exact=True)
    assert register.is_visible()
    assert register.locator("rt").inner_text() == "きょうしつ"
    names = _names_chromium_gives(page, "link")
    assert "この 教室 に もうしこむ" in names
    assert [name for name in names if "きょうしつ" in name] == []
    assert set(_fonts_drawing(page, "h1")) == {JAPANESE_FONT}


@pytest.mark.parametrize("language", ["ja-x-easy", "zh-hans", "ko", "vi", "pt-br"])
def test_resident_pages_have_no_axe_violations_in_each_language(
    live_server, fujino_class, new_page, language
):
    page = new_page(viewport=PHONE)
    for path in ("classes/", f"classes/{fujino_class.pk}/register/"):
        page.goto(f"{live_server.url}/{language}/{path}")
        assert axe_violations(page) == [], path
    page.get_by_role("button").last.click()  # sends the empty form: the errors, in this language
    assert page.locator(".errorlist").count() >= 2
    assert axe_violations(page) == []
