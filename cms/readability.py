"""jReadability: how hard a Japanese text is to read, on the scale Japanese teachers use.

The score is the regression of 李在鎬・長谷部陽一郎 (Lee & Hasebe,
「日本語教育のための文章難易度に関する研究」, jreadability on PyPI): it counts
words with MeCab (fugashi and the UniDic dictionary, unidic-lite), and falls
with long sentences and with the share of Sino-Japanese words (漢語), native
words, verbs and particles. Its range, 0.5–6.5, maps to the six bands of
Japanese-language education, so an editor sees 「初級後半」 rather than a number.
Easy-Japanese articles aim at 初級 (4.5 or more) and must read more easily than
their standard version (tests/cms/test_readability.py, bench/readability.py).
"""

from __future__ import annotations

import functools

from django.utils.translation import gettext_lazy as _

EASY_TARGET = 4.5  # 初級後半 or easier

# (lowest score of the band, its name), easiest first.
BANDS = [
    (5.5, "beginner_early", _("初級前半")),
    (4.5, "beginner_late", _("初級後半")),
    (3.5, "intermediate_early", _("中級前半")),
    (2.5, "intermediate_late", _("中級後半")),
    (1.5, "advanced_early", _("上級前半")),
    (float("-inf"), "advanced_late", _("上級後半")),
]
SENTENCE_ENDS = ("。", "？", "！", "?", "!", "．")


@functools.cache
def _tagger():
    # One MeCab tagger per process, loaded on first use (about 0.1 s).
    from fugashi import Tagger

    return Tagger()


def as_sentences(text: str) -> str:
    """Each line as a sentence of its own: a title, a heading or a list item has no 「。」,
    and would otherwise count as part of the sentence on the next line."""
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(
        line if line.endswith(SENTENCE_ENDS) else line + "。" for line in lines if line
    )


def score(text: str) -> float | None:
    """The jReadability score (higher is easier), or None for a text with no words."""
    from jreadability import compute_readability

    text = as_sentences(text)
    if not any(ch.isalnum() for ch in text):
        return None
    return round(compute_readability(text, _tagger()), 2)


def band(value: float | None):
    """The band's name for a score: 初級前半 … 上級後半."""
    if value is None:
        return None
    for lowest, _key, name in BANDS:
        if value >= lowest:
            return name
    return BANDS[-1][2]


def band_range(key: str) -> tuple[float | None, float | None]:
    """The scores of a band, lowest included, highest excluded (None: open)."""
    for i, (lowest, band_key, _name) in enumerate(BANDS):
        if band_key == key:
            highest = BANDS[i - 1][0] if i else None
            return (None if lowest == float("-inf") else lowest, highest)
    raise KeyError(key)
