"""The seven-language walk: a resident on a phone, in each resident language, finds a
class in Fujino, registers, reads the confirmation, cancels, then reads a help article
and its handout.

On every page: axe finds nothing, and the text a reader sees or hears (visible text
nodes, alt, aria-label, title, placeholder, the document title) is in the page's
language. Text inside an element marked with another language (place names carry
lang="ja", the language switcher names each language in its own) is left out; what
may be marked Japanese on the class pages is only the city's data. In easy Japanese,
with furigana on (its default), every kanji of the page frame sits inside <ruby>.
"""

from __future__ import annotations

import functools
import io
import pprint
import re

import pytest
from django.test import override_settings

from outreach.demo_topic_texts import topic_translations
from outreach.models import ClassSession, Registration
from tests.browser.axe import axe_violations
from tests.browser.conftest import PHONE
from tests.cms.test_resident_languages import _source_words_left
from tests.factories import ClassSessionFactory, DistrictFactory, TopicFactory, VenueFactory

pytestmark = pytest.mark.browser

LANGUAGES = ["ja", "ja-x-easy", "en", "zh-hans", "ko", "vi", "pt-br"]
KANA = re.compile(r"[\u3040-\u30ff]")
IDEOGRAPHS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Latin words a Japanese page may show: names of services and phones, and file formats.
LATIN_ALLOWED = {"SMS", "LINE", "QR", "iPhone", "Android", "CSV"}
# The open-data licence by its own name, and the paper size.
LATIN_NAMES = re.compile(r"CC BY [0-9.]+|(?<![A-Za-z])A4(?![0-9])")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
URL_LIKE = re.compile(r"\S*(?:https?://|www\.|\.[a-z]{2,}/|/\S*/)\S*")
# The city's data, written only in Japanese: the one text a class page may mark lang="ja".
VENUE = "藤野公民館"
ADDRESS = "相模原市緑区小渕2000"
ACCESS = "藤野駅から歩いて10分"
TOPIC = "スマホの基本"  # a topic the city has not named in English
NAME = "藤野 花子"
CITY_DATA = {VENUE, ADDRESS, ACCESS, TOPIC, NAME}
ARTICLE = "text-size"
# What the walk reads on each page: every visible text node and every text a screen
# reader speaks, with the language of its nearest lang attribute.
PAGE_TEXT_JS = """() => {
  const langOf = (el) => (el.closest("[lang]") || document.documentElement).getAttribute("lang");
  // An option is drawn only when its list opens: it counts when its select is visible.
  const shown = (el) => (el.closest("select") || el).checkVisibility({visibilityProperty: true});
  // A title cannot mark a part as Japanese: the city's data in it is taken out below.
  const out = [["title", document.title]];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.textContent.trim();
    if (text && !el.closest("script, style, template") && shown(el)) out.push([langOf(el), text]);
  }
  const spoken = "[aria-label], [alt], [title], [placeholder], input[type=submit]";
  // A picture in an article shows the phone's screen in Japanese, and its alt text names
  // what it shows as the screen says it; an attribute cannot mark that part as Japanese.
  const pictures = ".help-body img, .handout__body img";
  for (const el of document.body.querySelectorAll(spoken)) {
    if (!shown(el) || el.matches(pictures)) continue;
    for (const name of ["aria-label", "alt", "title", "placeholder"]) {
      if (el.getAttribute(name)) out.push([langOf(el), el.getAttribute(name)]);
    }
    if (el.matches("input[type=submit]")) out.push([langOf(el), el.value]);
  }
  return out;
}"""
# Text of the frame (header, menus, headings, buttons, labels, footer) with a kanji
# outside <ruby>: what furigana must cover. Options and attributes cannot hold ruby.
FRAME_KANJI_WITHOUT_RUBY_JS = """() => {
  const frame = "header, nav, footer, h1, h2, h3, button, label, legend, .button, .breadcrumb";
  const kanji = /[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]/;
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    // An SVG's title (the handout's QR code) is spoken, never drawn: no ruby there.
    if (!kanji.test(node.textContent) || !el.closest(frame) || el.closest("ruby, svg")) continue;
    if (el.closest("[lang]").getAttribute("lang").startsWith("ja")) out.push(node.textContent.trim());
  }
  return out;
}"""


# The text of an easy-Japanese page as read, without furigana and without what is
# marked as another language: where a standard-Japanese interface word would show.
EASY_TEXT_JS = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll("rt, rp, script, style, [lang]:not([lang^=ja])").forEach((n) => n.remove());
  return copy.textContent;
}"""


@pytest.fixture
def walk_site(live_server, transactional_db, settings):
    """A class in Fujino (and one in Chuo, to filter out), and the help site with one
    article in every language: the home page, the help index and text-size, without
    the rest of the demo (seed_help_site takes five times as long).

    Seeded for the first language, put back for the others (tests.db_snapshot).
    """
    from tests.conftest import ensure_migration_data
    from tests.db_snapshot import seeded

    settings.ROOT_URLCONF = "tests.browser.media_urls"  # the article's pictures
    ensure_migration_data()
    session_id = seeded("seven-language walk", _seed_walk, int)
    return live_server, ClassSession.objects.get(pk=session_id)


def _seed_walk() -> int:
    from cms import demo as cms_demo
    from cms.demo_content import text_size
    from core.demo import SeedContext
    from tests.conftest import DROP_TASKS

    fujino = DistrictFactory(code="fujino", name="藤野", name_en="Fujino", is_mountainous=True)
    chuo = DistrictFactory(code="chuo", name="中央", name_en="Chuo")
    # Named in every resident language but English (Topic.text_in): English pages show
    # the city's Japanese name, every other page the name in its own language.
    topic = TopicFactory(
        slug=text_size.ARTICLE.topic,
        title=TOPIC,
        title_en="",
        translations=topic_translations(text_size.ARTICLE.topic),
    )
    venue = VenueFactory(
        district=fujino, name=VENUE, name_en="", address=ADDRESS, access_notes=ACCESS
    )
    session = ClassSessionFactory(venue=venue, topic=topic, loaner_devices=2)
    ClassSessionFactory(venue=VenueFactory(district=chuo), topic=topic)
    ctx = SeedContext(stdout=io.StringIO(), password="x", password_given=False)
    with override_settings(TASKS=DROP_TASKS):
        home, locales = cms_demo.seed_home(ctx)
        cms_demo.seed_help(ctx, home, locales, articles=[text_size.ARTICLE])
    return session.pk


def _in_another_script(text: str, language: str) -> list[str]:
    """The characters or words in `text` that do not belong to `language`'s pages."""
    if language in ("ja", "ja-x-easy"):
        text = LATIN_NAMES.sub(" ", URL_LIKE.sub(" ", text))
        return [w for w in LATIN_WORD.findall(text) if w not in LATIN_ALLOWED]
    found = KANA.findall(text)
    if language != "zh-hans":
        found += IDEOGRAPHS.findall(text)
    return found


def _without_city_data(text: str) -> str:
    return functools.reduce(lambda rest, data: rest.replace(data, ""), CITY_DATA, text)


def _check(page, language: str, where: str, found: dict) -> None:
    """Record what is wrong on this page: axe's findings and text in another language."""
    problems = [f"axe {v['id']}: {v['targets']}" for v in axe_violations(page)]
    for lang, text in page.evaluate(PAGE_TEXT_JS):
        if lang == "title":
            lang, text = language, _without_city_data(text)
        if lang == language and _in_another_script(text, language):
            problems.append(f"{_in_another_script(text, language)} in {text[:80]!r}")
    if language not in ("ja", "ja-x-easy"):
        # The menus fall back to Japanese (marked lang="ja") only where not translated.
        if page.locator("header[lang], footer[lang], .skip-link[lang]").count():
            problems.append("the page frame is marked as another language")
    if not where.startswith(("help", "article", "print")):
        marked = set(page.locator('main [lang="ja"]').all_inner_texts())
        if marked - CITY_DATA:
            problems.append(f"marked Japanese but not city data: {marked - CITY_DATA}")
    if language == "ja-x-easy":
        if where != "print page":  # the handout has no reading aids of its own
            assert page.locator("button[name=furigana]").get_attribute("aria-pressed") == "true"
        if kanji := page.evaluate(FRAME_KANJI_WITHOUT_RUBY_JS):
            problems.append(f"kanji without furigana in the frame: {kanji}")
        text = _without_city_data(page.evaluate(EASY_TEXT_JS))
        if standard := _source_words_left(text, language):
            problems.append(f"standard-Japanese interface words: {sorted(standard)}")
    if problems:
        found[where] = problems


def _follow(page, link) -> None:
    """Click and wait for the next page to load: a click returns once the navigation
    starts, and a check run then would read a page that is not there yet."""
    with page.expect_navigation():
        link.click()


def _prefix(language: str) -> str:
    return "" if language == "ja" else f"/{language}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_resident_walks_from_the_finder_to_a_printed_article_in_one_language(
    walk_site, new_page, language
):
    live_server, session = walk_site
    base = f"{live_server.url}{_prefix(language)}"
    page = new_page(viewport=PHONE)
    found: dict[str, list[str]] = {}

    page.goto(f"{base}/classes/")
    _check(page, language, "finder", found)
    page.locator("select[name=district]").select_option(value=str(session.venue.district_id))
    _follow(page, page.locator("form.class-filter button[type=submit]"))
    cards = page.locator(".class-card")
    assert cards.count() == 1
    _follow(page, cards.locator("a"))
    assert page.url == f"{base}/classes/{session.pk}/"
    _check(page, language, "class page", found)
    if language not in ("ja", "ja-x-easy"):  # (furigana interleaves the readings)
        assert session.topic.text_in("title", language) in page.locator("h1").inner_text()

    _follow(page, page.locator(f'a[href$="/classes/{session.pk}/register/"]').first)
    _check(page, language, "registration form", found)
    page.locator("#id_name").fill(NAME)
    page.locator("#id_phone").fill("090-1234-5678")
    page.locator("#id_consent").check()
    page.locator("form[method=post] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/r/[\w-]+/$"))
    registration = Registration.objects.get(session=session)
    assert page.url == f"{base}/r/{registration.manage_token}/"
    _check(page, language, "confirmation", found)

    page.goto(page.locator(".private-link a").get_attribute("href"))
    _check(page, language, "manage page", found)
    _follow(page, page.locator(f'a[href$="/r/{registration.manage_token}/cancel/"]'))
    _check(page, language, "cancel page", found)
    page.locator("form.confirm-choice button[type=submit]").click()
    page.wait_for_url(f"{base}/r/{registration.manage_token}/")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    _check(page, language, "cancelled", found)

    page.goto(f"{base}/help/")
    _check(page, language, "help index", found)
    _follow(page, page.locator(f'main a[href$="/help/{ARTICLE}/"]').first)
    _check(page, language, "article", found)
    _follow(page, page.locator(f'a[href$="/help/{ARTICLE}/print/"]').first)
    assert page.locator("html").get_attribute("lang") == language
    _check(page, language, "print page", found)

    assert not found, pprint.pformat(found, width=120)


def test_the_language_check_finds_another_script():
    """The checks above can fail: kana on a Korean page, a kanji on an English one,
    an English word on an easy-Japanese one; Chinese may use the ideographs."""
    assert _in_another_script("교실 キャンセル", "ko") == ["キ", "ャ", "ン", "セ", "ル"]
    assert _in_another_script("Class at 会場", "en") == ["会", "場"]
    assert _in_another_script("讲座地点", "zh-hans") == []
    assert _in_another_script("LINE で Cancel", "ja-x-easy") == ["Cancel"]
    assert _in_another_script("SMS https://example.jp/r/abc/ 090", "ja") == []
