"""Japanese text tools for the help pages: furigana as HTML ruby and search tokens.

Japanese is written without spaces, so neither the browser nor a full-text index
can find word boundaries by itself. SudachiPy (a morphological analyser that
installs from PyPI with its dictionary, sudachidict-core) splits the text into
words and gives each one its reading in katakana.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sudachipy import Dictionary, SplitMode

from cms import readings

KANJI = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヵヶ"
KANJI_RE = re.compile(f"[{KANJI}]")
KANJI_RUN_RE = re.compile(f"([{KANJI}]+)")
# Parts of speech that carry no meaning of their own: never search terms.
FUNCTION_POS = {"助詞", "助動詞", "補助記号", "空白", "記号"}


@dataclass(frozen=True)
class Word:
    surface: str
    reading: str  # katakana, as the dictionary gives it
    normalized: str
    pos: str


@functools.cache
def _tokenizer():
    # One dictionary per process, loaded on first use (0.2 s); it is read-only,
    # so threads and workers never share mutable state through it.
    return Dictionary(dict="core").tokenizer()


def words(text: str, mode: SplitMode = SplitMode.A) -> list[Word]:
    if not text.strip():
        return []
    # Sudachi refuses input over 49,149 bytes; articles are short, but cut safely.
    out: list[Word] = []
    for chunk in _chunks(text, 10_000):
        for m in _tokenizer().tokenize(chunk, mode):
            out.append(
                Word(m.surface(), m.reading_form(), m.normalized_form(), m.part_of_speech()[0])
            )
    return out


def _chunks(text: str, size: int) -> Iterable[str]:
    for start in range(0, len(text), size):
        yield text[start : start + size]


def to_hiragana(katakana: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in katakana)


def to_katakana(hiragana: str) -> str:
    return "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in hiragana)


def has_kanji(text: str) -> bool:
    return bool(KANJI_RE.search(text))


# --- Furigana -----------------------------------------------------------------------------


def _ruby(base: str, reading: str) -> str:
    return f"<ruby>{html.escape(base)}<rp>(</rp><rt>{html.escape(reading)}</rt><rp>)</rp></ruby>"


def _ruby_for_word(surface: str, reading_katakana: str) -> str:
    """Ruby over the kanji only, so okurigana stay plain: 大(おお)きく, not 大きく(おおきく)."""
    reading = to_hiragana(reading_katakana)
    parts = KANJI_RUN_RE.split(surface)
    # Build a pattern where each kanji run is a group and each kana run must match itself.
    pattern = "".join(
        "(.+?)" if i % 2 else re.escape(to_hiragana(part)) for i, part in enumerate(parts)
    )
    match = re.fullmatch(pattern, reading)
    if not match or not reading or reading == to_hiragana(surface):
        if reading and reading != surface and reading != to_hiragana(surface):
            return _ruby(surface, reading)
        return html.escape(surface)
    out, group = [], 1
    for i, part in enumerate(parts):
        if not part:
            continue
        if i % 2:
            out.append(_ruby(part, match.group(group)))
            group += 1
        else:
            out.append(html.escape(part))
    return "".join(out)


def furigana_text(text: str, fixed: dict[str, str] | None = None) -> str:
    """Plain text in, HTML out: every word with kanji gets its reading in hiragana.

    Counters and dates are read as people say them (1日 ついたち, 30分 さんじゅっぷん),
    and the words of cms.readings.WORDS and of `fixed` (place names) as given there,
    before SudachiPy reads the rest.
    """
    if not has_kanji(text):
        return html.escape(text)
    out = []
    position = 0
    for match in _fixed_re(tuple(sorted(fixed or {}))).finditer(text):
        out.append(_dictionary_furigana(text[position : match.start()]))
        word = match.group(0)
        reading = (fixed or {}).get(word) or readings.WORDS.get(word)
        if reading is None:
            reading = readings.counter(int(match.group("n")), match.group("unit"))
        out.append(_ruby_for_word(word, reading) if reading else html.escape(word))
        position = match.end()
    out.append(_dictionary_furigana(text[position:]))
    return "".join(out)


@functools.lru_cache(maxsize=8)
def _fixed_re(extra: tuple[str, ...]) -> re.Pattern:
    words = sorted(set(readings.WORDS) | set(extra), key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in words if word)
    counters = r"(?<![0-9０-９])(?P<n>[0-9]{1,3})(?P<unit>時間|日|分|時)"
    return re.compile(f"{alternatives}|{counters}" if alternatives else counters)


def _dictionary_furigana(text: str) -> str:
    if not has_kanji(text):
        return html.escape(text)
    out = []
    for word in words(text, SplitMode.C):
        if has_kanji(word.surface) and word.reading and word.reading != "キゴウ":
            out.append(_ruby_for_word(word.surface, word.reading))
        else:
            out.append(html.escape(word.surface))
    return "".join(out)


_TAG_RE = re.compile(r"(<[^>]*>)")
# Ruby never goes into existing ruby, code, or text a browser draws without markup
# (a title, a list's options, a text box).
_SKIP_TAGS = {
    "ruby",
    "rt",
    "rp",
    "script",
    "style",
    "code",
    "kbd",
    "title",
    "select",
    "option",
    "textarea",
    "svg",
}
_VOID_TAGS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
_LANG_RE = re.compile(r"""\slang\s*=\s*["']?([A-Za-z-]*)""")


def _skipped_from(piece: str, tag: str) -> bool:
    """Whether this start tag opens an element furigana stays out of: one of _SKIP_TAGS,
    or one marked as another language (a language's name in the switcher, English)."""
    if tag in _SKIP_TAGS:
        return True
    lang = _LANG_RE.search(piece)
    return lang is not None and not lang.group(1).lower().startswith("ja")


def furigana_html(markup: str, fixed: dict[str, str] | None = None) -> str:
    """Add ruby to the text of an HTML fragment (rich text, or a whole page's body),
    never inside tags, existing ruby, or an element marked as another language."""
    if not has_kanji(markup):
        return markup
    out: list[str] = []
    # The element being skipped, with how many of its kind are open inside it.
    skipping: list[list] = []
    for piece in _TAG_RE.split(markup):
        if not piece:
            continue
        if piece.startswith("<"):
            name = re.match(r"<(/?)\s*([a-zA-Z0-9]+)", piece)
            if name and name.group(2).lower() not in _VOID_TAGS and not piece.endswith("/>"):
                closing, tag = name.group(1), name.group(2).lower()
                if skipping and skipping[-1][0] == tag:
                    skipping[-1][1] += -1 if closing else 1
                    if not skipping[-1][1]:
                        skipping.pop()
                elif not closing and _skipped_from(piece, tag):
                    skipping.append([tag, 1])
            out.append(piece)
        elif skipping or not has_kanji(piece):
            out.append(piece)
        else:
            out.append(furigana_text(html.unescape(piece), fixed))
    return "".join(out)


# --- Search ---------------------------------------------------------------------------------


def search_tokens(text: str) -> str:
    """The words of a text, space-separated, for a full-text index that splits on spaces.

    Each word is stored as written, in its dictionary form and as its reading,
    in both the short unit (マイナンバー / カード) and the long one
    (マイナンバーカード): so 詐欺 also finds サギ, and マイナンバー finds
    マイナンバーカード.
    """
    seen: dict[str, None] = {}
    for word in words(text, SplitMode.A):
        if word.pos in FUNCTION_POS:
            continue
        for form in (word.surface, word.normalized, word.reading):
            if form.strip():
                seen.setdefault(form.lower(), None)
    for word in words(text, SplitMode.C):
        if word.pos not in FUNCTION_POS and word.surface.strip():
            seen.setdefault(word.surface.lower(), None)
    return " ".join(seen)


def query_terms(query: str) -> list[tuple[str, ...]]:
    """The query split the same way: one tuple of alternatives (written form, reading) per word."""
    terms = []
    for word in words(query[:200], SplitMode.A):
        if word.pos in FUNCTION_POS or not word.surface.strip():
            continue
        forms = (word.surface, word.normalized, word.reading)
        forms = tuple(dict.fromkeys(f.lower() for f in forms if f.strip()))
        terms.append(forms)
    return terms
