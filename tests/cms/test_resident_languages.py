"""Every resident page in each language, read as a resident of that language would.

For each language the class finder, a class page, the registration form with its
errors, the private manage page, the home page, the help index and a search on it,
a help article and its handout (and, outside easy Japanese, the not-yet-translated
notice) are rendered through real requests.
Outside elements marked with another language (lang="ja" on city data, the
language switcher's own names) there must be no Japanese: no kana at all, no
kanji except on Chinese pages, and no Japanese source string of the interface.
Easy Japanese pages must show the easy wording, never the standard Japanese one.
Here in tests/cms because the help pages need the seeded help site.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import polib
import pytest
from django.test import RequestFactory
from django.utils import translation

from cms.models import HelpArticlePage
from core.views import rate_limited, server_error
from outreach.models import Registration
from outreach.services import register
from scripts.catalogues import RESIDENT_LANGUAGES, catalogue_path, resident_msgids
from tests.cms.furigana import ruby
from tests.factories import (
    ClassSessionFactory,
    DistrictFactory,
    TopicFactory,
    VenueFactory,
    consent,
)

# Kana, kanji, and Japanese punctuation and full-width forms (、。「」〜（）：).
JAPANESE = re.compile(r"[\u3000-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff9f]")
# Chinese shares the kanji and much of the punctuation: there kana and 〜 tell Japanese apart.
JAPANESE_IN_CHINESE = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f〜]")
SKIPPED_TAGS = {"script", "style"}
VOID_TAGS = {"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
READ_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "label"}
# An article's own text keeps the phone's menu names in Japanese, as the reader sees them
# on screen (and in its pictures' alt text); test_help_languages checks that text.
ARTICLE_TEXT_CLASSES = {"help-body", "handout__body"}


def without_readings(body: str) -> str:
    """The page as read without furigana: each word whole, so 満席 is still 満席."""
    return RUBY_READING.sub("", body)


RUBY_READING = re.compile(r"<rp\b[^>]*>.*?</rp>|<rt\b[^>]*>.*?</rt>|</?ruby>", flags=re.S)


class PageText(HTMLParser):
    """The text a reader sees or hears, outside elements in another language."""

    def __init__(self, language: str, *, skip_classes: set[str] = frozenset()):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.skip_classes = skip_classes
        self.stack: list[tuple[str, bool]] = []  # (tag, is this element hidden from the check)
        self.parts: list[str] = []

    def _hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang")
        hidden = (
            self._hidden()
            or tag in SKIPPED_TAGS
            or (lang is not None and tag != "html" and lang != self.language)
            or bool(self.skip_classes & set((attributes.get("class") or "").split()))
        )
        if not hidden:
            self.parts += [v for k, v in attributes.items() if k in READ_ATTRIBUTES and v]
            if tag == "meta" and attributes.get("name") == "description":
                self.parts.append(attributes.get("content") or "")
            if tag == "input" and attributes.get("type") in ("submit", "button"):
                self.parts.append(attributes.get("value") or "")
        if tag not in VOID_TAGS:
            self.stack.append((tag, hidden))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if not self._hidden():
            self.parts.append(data)

    @classmethod
    def of(cls, body: str, language: str, *, skip_classes: set[str] = frozenset()) -> str:
        parser = cls(language, skip_classes=skip_classes)
        parser.feed(without_readings(body))
        return " ".join(" ".join(parser.parts).split())


def _as_read(response) -> str:
    """A page's HTML without its furigana (on by default in easy Japanese)."""
    return without_readings(response.content.decode())


def _chunks(msgid: str) -> list[str]:
    """The literal words of a msgid, without placeholders, markup or punctuation."""
    text = re.sub(r"%\(\w+\)[sd]|<[^>]+>", "\n", msgid)
    return [c for c in re.split(r"[\s、。：:（）()「」・,.!?]+", text) if len(c) >= 2]


def _source_words_left(text: str, language: str) -> set[str]:
    """Japanese source words of resident strings that this language says otherwise, found in text."""
    catalogue = polib.pofile(str(catalogue_path(language)))
    residents = resident_msgids(catalogue)
    translations = " ".join(
        e.msgstr + " ".join(e.msgstr_plural.values()) for e in catalogue if e.translated()
    )
    words = set()
    for entry in catalogue:
        if entry.msgid in residents and entry.translated() and entry.msgstr != entry.msgid:
            words |= {w for w in _chunks(entry.msgid) if w not in translations}
    return {word for word in words if word in text}


def _japanese_left(text: str, language: str) -> list[str]:
    pattern = JAPANESE_IN_CHINESE if language == "zh-hans" else JAPANESE
    return sorted({text[max(m.start() - 15, 0) : m.end() + 15] for m in pattern.finditer(text)})


CITY_DATA = (
    "藤野まちづくりセンター",
    "相模原市緑区小渕2000",
    "藤野駅から歩いて10分",
    "駐車場があります",
)


@pytest.fixture
def city_data(db):
    """A class whose city data has English names, and Japanese text where the city wrote only Japanese."""
    district = DistrictFactory(name="藤野", name_en="Fujino", is_mountainous=True)
    venue = VenueFactory(
        district=district,
        name=CITY_DATA[0],
        name_en="Fujino Community Centre",
        address=CITY_DATA[1],
        access_notes=CITY_DATA[2],
    )
    topic = TopicFactory(slug="basics-i18n", title="スマホの基本", title_en="Smartphone basics")
    session = ClassSessionFactory(
        venue=venue, topic=topic, capacity=3, loaner_devices=2, notes=CITY_DATA[3]
    )
    registration = register(
        session,
        name="Nguyen Van An",
        name_kana="",
        phone="090-5555-0001",
        channel="web",
        consent=consent(),
    )
    return session, registration


def _without_translation(slug: str, language: str) -> None:
    """Take away one article's translation, as before a translator has done it."""
    for page in HelpArticlePage.objects.filter(slug=slug, locale__language_code=language):
        page.delete()


def _help_pages(language: str) -> list[str]:
    """The seeded help pages in this language, and one article still only in Japanese."""
    pages = ["", "help/", "help/?q=zzzz", "help/text-size/", "help/text-size/print/"]
    if language == "ja-x-easy":
        return [f"/ja-x-easy/{page}" for page in pages]
    # phone-scams without its translation: the notice, with links to the Japanese versions.
    _without_translation("phone-scams", language)
    return [f"/{language}/{page}" for page in [*pages, "help/phone-scams/"]]


def _resident_pages(client, language: str, session, registration) -> dict[str, str]:
    prefix = f"/{language}"
    pages = {}
    for name, url in [
        ("finder", f"{prefix}/classes/"),
        ("class page", f"{prefix}/classes/{session.pk}/"),
        ("manage page", f"{prefix}/r/{registration.manage_token}/"),
        ("cancel page", f"{prefix}/r/{registration.manage_token}/cancel/"),
    ] + [(f"help {url}", url) for url in _help_pages(language)]:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[name] = _as_read(response)
    form = client.post(
        f"{prefix}/classes/{session.pk}/register/",
        {"name": "", "phone": "0120-444-555", "party_size": "1", "age_band": "90s"},
    )
    assert form.status_code == 400
    pages["registration form with errors"] = _as_read(form)
    return pages


@pytest.mark.parametrize("language", RESIDENT_LANGUAGES)
def test_resident_pages_have_no_japanese_outside_city_data_marked_lang_ja(
    client, help_site, city_data, language
):
    session, registration = city_data
    pages = _resident_pages(client, language, session, registration)
    form = pages["registration form with errors"]
    assert form.count('class="errorlist"') >= 3  # name, phone, age band
    if language == "ja-x-easy":
        assert '<span lang="ja">' not in pages["class page"]
    else:
        assert '<span lang="ja">相模原市緑区小渕2000</span>' in pages["class page"]
    for name, body in pages.items():
        assert f'<html lang="{language}"' in body, name
        assert 'class="site-header" lang=' not in body, f"{name}: the menus are not translated"
        if not name.startswith("help"):
            # Only city data is marked Japanese, never this language's own wording.
            marked = set(re.findall(r'<span lang="ja">(.*?)</span>', body, flags=re.S))
            assert marked <= set(CITY_DATA), f"{language} {name}: {marked - set(CITY_DATA)}"
        text = PageText.of(body, language)
        if language == "ja-x-easy":
            # City data stays as the city wrote it, unmarked on a Japanese page.
            for value in CITY_DATA:
                text = text.replace(value, "")
        else:
            interface = PageText.of(body, language, skip_classes=ARTICLE_TEXT_CLASSES)
            assert _japanese_left(interface, language) == [], f"{language} {name}"
        assert _source_words_left(text, language) == set(), f"{language} {name}"


@pytest.mark.parametrize("language", RESIDENT_LANGUAGES)
def test_error_pages_are_in_the_readers_language(client, db, language):
    not_found = client.get(f"/{language}/no-such-page/")
    assert not_found.status_code == 404
    request = RequestFactory().get(f"/{language}/classes/1/register/")
    with translation.override(language):
        heading = translation.gettext("ページが見つかりません")
        too_many = rate_limited(request)
        server = server_error(request)
        sorry = translation.gettext("ただいま表示できません")
    assert too_many.status_code == 429 and server.status_code == 500
    assert f"<h1>{heading}</h1>" in without_readings(not_found.content.decode())
    assert f"<h1>{sorry}</h1>" in without_readings(server.content.decode())
    assert f'<a href="/{language}/">' in server.content.decode()
    for response in (not_found, too_many, server):
        body = _as_read(response)
        assert f'<html lang="{language}"' in body
        text = PageText.of(body, language)
        if language != "ja-x-easy":
            assert _japanese_left(text, language) == []
        assert _source_words_left(text, language) == set()


@pytest.mark.parametrize("language", ["zh-hans", "pt-br"])
def test_the_not_translated_notice_marks_the_japanese_titles_it_links_to(
    client, help_site, language
):
    _without_translation("phone-scams", language)
    body = client.get(f"/{language}/help/phone-scams/").content.decode()
    assert '<span lang="ja">電話やSMSのサギに気をつける</span>' in body
    assert '<span lang="ja-x-easy">電話や SMS の サギに 気を つけましょう</span>' in body


def test_the_check_finds_japanese_left_on_a_page():
    """The checks above can fail: unmarked Japanese and a standard word on an easy page."""
    body = '<html lang="vi"><p>Địa điểm: <span lang="ja">藤野</span> 会場</p></html>'
    assert _japanese_left(PageText.of(body, "vi"), "vi") == ["Địa điểm: 会場"]
    easy = (
        '<html lang="ja-x-easy"><p>いっぱいです</p>'
        f"<p>{ruby('満席', 'まんせき')}（キャンセル待ちできます）</p></html>"
    )
    assert "満席" in _source_words_left(PageText.of(easy, "ja-x-easy"), "ja-x-easy")


@pytest.mark.parametrize("language", RESIDENT_LANGUAGES)
def test_each_language_reads_its_own_catalogue_through_a_request(client, db, language):
    with translation.override(language):
        expected = translation.gettext("スマホ教室をさがす")
    assert expected != "スマホ教室をさがす"
    body = without_readings(client.get(f"/{language}/classes/").content.decode())
    assert f"<h1>{expected}</h1>" in body


def test_city_data_without_an_english_name_is_marked_japanese(client, city_data):
    session, _registration = city_data
    session.venue.name_en = ""
    session.venue.save(update_fields=["name_en"])
    body = client.get(f"/vi/classes/{session.pk}/").content.decode()
    assert '<span lang="ja">藤野まちづくりセンター</span>' in body
    assert '<span lang="ja">駐車場があります</span>' in body
    japanese = client.get(f"/classes/{session.pk}/").content.decode()
    assert "藤野まちづくりセンター" in japanese and '<span lang="ja">' not in japanese


def test_a_waitlisted_resident_reads_their_place_in_their_language(client, city_data):
    session, _registration = city_data
    for n in range(3):
        register(
            session,
            name=f"Ana {n}",
            name_kana="",
            phone=f"090-5555-10{n:02d}",
            channel="web",
            consent=consent(),
        )
    waiting = Registration.objects.filter(session=session, status="waitlisted").latest("id")
    body = client.get(f"/pt-br/r/{waiting.manage_token}/").content.decode()
    assert "Você é o número 1 na lista de espera" in body
    easy = without_readings(client.get(f"/ja-x-easy/r/{waiting.manage_token}/").content.decode())
    assert "キャンセルまちの 1番目です" in easy and "満席" not in easy


@pytest.mark.parametrize("language", ["ja", "en", *RESIDENT_LANGUAGES])
def test_the_language_switcher_and_its_menu_have_different_names(client, db, language):
    """A screen reader says the button and then the menu it opens: "Idioma, Idioma"
    tells the listener nothing the second time."""
    prefix = "" if language == "ja" else f"/{language}"
    body = without_readings(client.get(f"{prefix}/classes/").content.decode())
    switcher = body.split('<details class="language-switcher">', 1)[1]
    button = re.sub(r"<[^>]+>", "", switcher.split("<summary>", 1)[1].split("</summary>", 1)[0])
    menu = re.search(r'<nav aria-label="([^"]+)">', switcher).group(1)
    assert button.strip() and menu.strip()
    assert menu.strip() != button.strip()
