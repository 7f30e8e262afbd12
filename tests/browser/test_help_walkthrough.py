"""The help articles' walkthrough in Chromium, through the real screens, from the editor to the handout.

An editor signs in, writes an article in the Wagtail editor, sees the easy-Japanese
advice, publishes it, translates it to English in wagtail-localize's editor and
publishes that; a resident on a phone switches furigana on, reads the article in
easy Japanese and prints the handout.

Set TSUNAGU_SCREENSHOTS=docs/screenshots to refresh the screenshots of the docs.
"""

import io
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

PASSWORD = "walkthrough-pass"
SLUG = "mynaportal-login"
TITLE = "マイナポータルにログインする"
# One sentence of 66 characters: the advice asks to split it.
LONG_SENTENCE = (
    "マイナンバーカードの暗証番号を窓口で再設定してから、マイナポータルのアプリを起動して、"
    "利用者証明用電子証明書の暗証番号を入力します。"
)
STEP = "アプリを開きます。"
ENGLISH = {
    TITLE: "Sign in to Mynaportal",
    LONG_SENTENCE: "Reset your card's PIN at the desk. Then open the Mynaportal app.",
    STEP: "Open the app.",
    SLUG: SLUG,
}
JAPANESE_CHARACTERS = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture
def walkthrough_site(live_server, transactional_db, settings):
    from core import demo as core_demo
    from core.demo import SeedContext
    from tests.cms.conftest import seed_help_site

    # Wagtail 8 autosaves the editor's form in the background; on the test's
    # in-memory SQLite an autosave racing the publish fails with "database
    # table is locked" (shared-cache tables do not wait), so it is off here.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    seed_help_site()
    # The demo's accounts, the editor's among them, with a password the test knows.
    core_demo.seed(SeedContext(stdout=io.StringIO(), password=PASSWORD, password_given=True))
    return live_server


def _screenshot(page, name):
    folder = os.environ.get("TSUNAGU_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def _sign_in_as_editor(page, url):
    page.goto(f"{url}/accounts/login/?next=/admin/")
    page.fill("input[name=login]", "editor@example.jp")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/admin/")


def _write_and_publish(page, url, index):
    page.goto(f"{url}/admin/pages/add/cms/helparticlepage/{index.pk}/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_topic_slug", "scams")
    page.select_option("#id_level", "basic")
    page.locator(".c-sf-add-button").first.click()
    page.get_by_role("option", name="文章").click()
    page.locator("[contenteditable=true]").nth(0).click()
    page.keyboard.type(LONG_SENTENCE)
    page.locator(".c-sf-add-button").last.click()
    page.get_by_role("option", name="番号つきの手順").click()
    page.locator("[contenteditable=true]").nth(1).click()
    page.keyboard.type(STEP)
    # The panel asks the server as the editor types (cms-admin.js).
    advice = page.locator(".easy-japanese-check__result li")
    expect(advice.first).to_contain_text("文が長いです")
    _screenshot(page, "editor-easy-japanese-advice")
    # Wagtail fills the slug from the title (in kana); an ASCII address reads better in SMS.
    page.get_by_role("tab", name="プロモート").click()
    page.fill("#id_slug", SLUG)
    expect(page.locator("#id_slug")).to_have_value(SLUG)
    page.locator("footer .w-dropdown__toggle").first.click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{index.pk}/$"))


def _start_translation(page, url, article):
    page.goto(f"{url}/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="操作").click()
    page.locator("a[href*='/admin/localize/submit/page/']").click()
    page.get_by_role("checkbox", name="English").check()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_selector(".js-translation-editor li")
    # wagtail-localize has already published the English page with the Japanese
    # text; the editor is told readers see it as not translated yet.
    expect(page.get_by_role("status").first).to_contain_text("翻訳が終わるまで")
    _screenshot(page, "translation-editor")


def _translate_every_segment_and_publish(page):
    for tab in ("コンテンツ", "プロモート"):
        page.get_by_role("tab", name=tab).click()
        panel = page.get_by_role("tabpanel", name=tab)
        translate = panel.get_by_role("button", name="Translate")
        while translate.count():
            segment = translate.first.locator("xpath=ancestor::li[.//p][1]")
            source = segment.locator("p").first.inner_text().strip()
            translate.first.click()
            panel.get_by_role("textbox").first.fill(ENGLISH[source])
            panel.get_by_role("button", name="保存").click()
            expect(panel.get_by_role("button", name="保存")).to_have_count(0)
    page.get_by_role("button", name="Publish in English").click()
    expect(page.get_by_role("status").first).to_contain_text("Published")


def _add_easy_japanese_version(article):
    """Written by hand in easy Japanese, as editors do (the seed does the same)."""
    import json

    from wagtail.models import Locale

    easy = article.copy_for_translation(Locale.objects.get(language_code="ja-x-easy"))
    easy.title = "マイナポータルに 入る"
    easy.body = json.dumps(
        [
            {"type": "paragraph", "value": "<p>カードの 番号を 用意します。</p>"},
            {
                "type": "steps",
                "value": [
                    {"text": "<p>アプリを 開きます。</p>", "image": None, "alt": "", "caption": ""}
                ],
            },
        ],
        ensure_ascii=False,
    )
    easy.save_revision().publish()


def test_editor_writes_translates_and_a_resident_reads_and_prints(walkthrough_site, new_page):
    from cms.models import HelpArticlePage, HelpIndexPage

    url = walkthrough_site.url
    index = HelpIndexPage.objects.get(locale__language_code="ja")

    editor = new_page()
    _sign_in_as_editor(editor, url)
    _write_and_publish(editor, url, index)
    article = HelpArticlePage.objects.get(slug=SLUG, locale__language_code="ja")
    assert article.live and article.advice_count > 0

    # Readers of /en/ are told it is not translated while wagtail-localize's copy
    # holds only Japanese text…
    _start_translation(editor, url, article)
    resident = new_page()
    resident.goto(f"{url}/en/help/{SLUG}/")
    expect(resident.locator("main h1")).to_have_text("This page is not available in English yet.")
    assert resident.locator("main .help-steps").count() == 0
    # …and read it once every segment is translated and published.
    _translate_every_segment_and_publish(editor)
    resident.goto(f"{url}/en/help/{SLUG}/")
    english = resident.locator("main").inner_text()
    assert "Sign in to Mynaportal" in english and "Open the app." in english
    assert not JAPANESE_CHARACTERS.search(english), english
    assert resident.locator("html").get_attribute("lang") == "en"

    # A resident on a phone switches furigana on (a plain form, no JavaScript needed).
    _add_easy_japanese_version(article)
    phone = new_page(viewport=PHONE)
    phone.goto(f"{url}/help/{SLUG}/")
    assert phone.locator("article ruby").count() == 0
    with phone.expect_navigation():  # back to the same address: wait for the new page
        phone.get_by_role("button", name="ふりがな").click()
    expect(phone.locator("article ruby").first).to_be_visible()
    phone.reload()
    expect(phone.locator("article ruby").first).to_be_visible()

    # …and reads it in easy Japanese: furigana, no sideways scrolling, axe-clean.
    phone.locator(".language-switcher summary").click()
    phone.locator(".language-switcher a[hreflang='ja-x-easy']").click()
    phone.wait_for_url(f"**/ja-x-easy/help/{SLUG}/")
    assert phone.locator("html").get_attribute("lang") == "ja-x-easy"
    expect(phone.locator("article ruby").first).to_be_visible()
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    _screenshot(phone, "easy-japanese-phone-furigana")
    assert axe_violations(phone) == []

    # The handout prints on A4.
    phone.goto(f"{url}/ja-x-easy/help/{SLUG}/print/")
    phone.emulate_media(media="print")
    expect(phone.locator(".handout__steps li")).to_have_count(1)
    pdf = phone.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and 5_000 < len(pdf) < 2_000_000
