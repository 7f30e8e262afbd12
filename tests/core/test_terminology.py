"""Chinese and Korean residents read one word for one thing, wherever they read it.

A resident meets the same class on the site, in an SMS, in a call and in a help
article: a second word for it (课程 beside 讲座) reads as a second thing. The
words chosen are in docs/i18n/README.md ("How each language was checked").
"""

import re
from pathlib import Path

import polib
import pytest

from cms.demo_content import ARTICLES, ASK_TEXT, HOME, INDEX
from cms.demo_content.policies import ACCESSIBILITY, PRIVACY
from messaging.default_texts import BY_LANGUAGE

ROOT = Path(__file__).resolve().parents[2]


def _texts(language: str) -> dict[str, str]:
    """Every text a resident reads in `language`, by where it is written."""
    found = {}
    for path in sorted((ROOT / "docs" / "i18n" / language).glob("*.po")):
        for entry in polib.pofile(str(path)):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                found[f"{path.name}: {entry.msgid[:30]}"] = text
    for channel, by_purpose in BY_LANGUAGE[language].items():
        for purpose, body in by_purpose.items():
            found[f"message {purpose} {channel}"] = body
    for article in ARTICLES:
        found[f"article {article.slug}"] = repr(article.versions[language])
    for name, page in (("accessibility", ACCESSIBILITY), ("privacy", PRIVACY)):
        found[name] = repr(page[language])
    found["site pages"] = repr((HOME[language], INDEX[language], ASK_TEXT[language]))
    return found


# The word each language uses for a class, and the words it must not use beside it.
CLASS_WORDS = {
    "zh-hans": ("讲座", re.compile(r"课程|课堂|上课|上完课|智能手机课(?!程)")),
    "ko": ("교실", re.compile(r"강좌|수업|클래스")),
}


@pytest.mark.parametrize("language", CLASS_WORDS)
def test_a_class_has_one_name_in_every_text(language):
    word, others = CLASS_WORDS[language]
    texts = _texts(language)
    assert sum(word in text for text in texts.values()) > 20
    assert {
        where: others.findall(text) for where, text in texts.items() if others.search(text)
    } == {}


def test_korean_requests_are_polite_in_one_style():
    """해요체 requests (-해 주세요), as every form error and notice asks."""
    texts = _texts("ko")
    assert {where: text for where, text in texts.items() if "주십시오" in text} == {}


def test_a_korean_particle_never_depends_on_a_phone_numbers_last_digit():
    """「042-769-0001로」 reads wrong (일로 wants 으로); 「…번으로」 fits every number."""
    for channel, by_purpose in BY_LANGUAGE["ko"].items():
        for purpose, body in by_purpose.items():
            assert not re.search(r"\{desk\}(?:로|으로|이|가|을|를|은|는)", body), (purpose, channel)
