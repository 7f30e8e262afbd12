"""Vietnamese and Brazilian Portuguese wording keeps the register the review chose.

Everything a resident reads in these languages (the interface wording, the SMS and
call texts, the demo help articles, home page and policies, the demo topics) addresses the reader
as "quý vị" in Vietnamese ("bạn" is what one says to a friend, too familiar for an
older reader) and as "você" in Portuguese, with Brazilian words; Vietnamese
diacritics are composed (NFC), so search and screen readers treat a word as one;
calls, read aloud by a synthetic voice, carry no symbol it would read or pause on.
"""

import re
import unicodedata
from pathlib import Path

import polib
import pytest

from cms.demo_content import ARTICLES
from cms.demo_content.policies import ACCESSIBILITY, PRIVACY
from cms.demo_content.site_pages import ASK_TEXT, HOME, INDEX
from messaging.default_texts import DEFAULT_TEXTS
from messaging.models import Channel
from outreach.demo_topic_texts import TOPIC_TEXTS, WHAT_TO_BRING

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("vi", "pt-br")
FAMILIAR_VI = re.compile(r"\bbạn\b", re.IGNORECASE)
# European Portuguese words and the second person "tu": a Brazilian reader stumbles on them.
EUROPEAN_PT = re.compile(
    r"\b(telemóvel|ecrã|utilizador|autocarro|paragem|tu|teu|tua|contigo|vós|está a)\b",
    re.IGNORECASE,
)
SPOKEN_BADLY = re.compile(r"[:;/()「」“”\"]|https?|www")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _wording(language: str) -> list[str]:
    texts = []
    for path in sorted((ROOT / "docs" / "i18n" / language).glob("*.po")):
        for entry in polib.pofile(str(path)):
            texts += [entry.msgstr, *entry.msgstr_plural.values()]
    texts += [body for (_p, lang, _c), body in DEFAULT_TEXTS.items() if lang == language]
    for article in ARTICLES:
        texts += _strings(article.versions[language])
    for pages in (HOME, INDEX, ASK_TEXT, ACCESSIBILITY, PRIVACY):
        texts += _strings(pages[language])
    texts += [WHAT_TO_BRING[language], *_strings([t[language] for t in TOPIC_TEXTS.values()])]
    return [text for text in texts if text]


def test_vietnamese_addresses_the_reader_as_quy_vi():
    familiar = [text for text in _wording("vi") if FAMILIAR_VI.search(text)]
    assert familiar == []


def test_portuguese_is_brazilian():
    european = [text for text in _wording("pt-br") if EUROPEAN_PT.search(text)]
    assert european == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_wording_is_composed_unicode(language):
    texts = _wording(language)
    assert texts
    assert [text for text in texts if unicodedata.normalize("NFC", text) != text] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_calls_carry_no_symbol_the_voice_reads_badly(language):
    calls = [
        body
        for (_purpose, lang, channel), body in DEFAULT_TEXTS.items()
        if lang == language and channel == Channel.VOICE
    ]
    assert calls
    for body in calls:
        spoken = re.sub(r"\{\w+\}", "", body)
        assert not SPOKEN_BADLY.search(spoken), body
