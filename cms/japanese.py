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


# The reading is for the eye: a screen reader says the kanji itself, so it is hidden from
# it, or a link would be named "この 教室 きょうしつ に もうしこむ". The brackets are
# there only for a browser that cannot draw ruby, and are hidden the same way.
_RP_OPEN = '<rp aria-hidden="true">(</rp>'
_RP_CLOSE = '<rp aria-hidden="true">)</rp>'


def _ruby(base: str, reading: str) -> str:
    return (
        f"<ruby>{html.escape(base)}{_RP_OPEN}"
        f'<rt aria-hidden="true">{html.escape(reading)}</rt>{_RP_CLOSE}</ruby>'
    )


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


# SudachiPy can take a bracket into a word (電話（ガラケー） as one noun read でんわ):
# text is read bracket to bracket, so no word crosses one.
_BRACKETS_RE = re.compile(r"([（）()「」『』【】])")


def _dictionary_furigana(text: str) -> str:
    if not has_kanji(text):
        return html.escape(text)
    out = []
    for word in (w for part in _BRACKETS_RE.split(text) for w in words(part, SplitMode.C)):
        if has_kanji(word.surface) and word.reading and word.reading != "キゴウ":
            out.append(_ruby_for_word(word.surface, word.reading))
        else:
            out.append(html.escape(word.surface))
    return "".join(out)


_TAG_RE = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_TAG_NAME_RE = re.compile(r"<(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_LANG_RE = re.compile(r"""\slang\s*=\s*["']?([a-zA-Z-]*)""")
# No ruby inside these: ruby itself, code, what is not shown as text, and form controls
# whose text the browser draws itself (an <option> shows ruby's readings as plain text).
_SKIP_TAGS = {
    "ruby", "rt", "rp", "script", "style", "code", "kbd", "title", "template", "svg",
    "select", "option", "textarea",
}  # fmt: skip
_VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


def furigana_html(markup: str, fixed: dict[str, str] | None = None) -> str:
    """Add ruby to the text of an HTML fragment (rich text or a whole page's body), never
    inside tags, existing ruby, form controls, or an element marked in another language
    (Chinese names in the language switcher are not read in Japanese)."""
    if not has_kanji(markup):
        return markup
    out: list[str] = []
    # The open elements from the outermost skipped one inwards; text is left alone
    # while it is not empty. A closing tag closes everything opened after its match,
    # so an unclosed <p> or <li> inside cannot keep the rest of the page skipped.
    skipping: list[str] = []
    # A page repeats much of its text (days, venues, seats left): each piece is read once.
    done: dict[str, str] = {}
    for piece in _TAG_RE.split(markup):
        if not piece:
            continue
        if piece.startswith("<"):
            out.append(piece)
            name = _TAG_NAME_RE.match(piece)
            if not name:
                continue  # a comment or a doctype
            closing, tag = name.group(1), name.group(2).lower()
            if closing:
                if tag in skipping:
                    del skipping[len(skipping) - 1 - skipping[::-1].index(tag) :]
            elif tag not in _VOID_TAGS and not piece.endswith("/>"):
                lang = _LANG_RE.search(piece)
                other_language = lang is not None and not lang.group(1).lower().startswith("ja")
                if skipping or tag in _SKIP_TAGS or other_language:
                    skipping.append(tag)
        elif skipping or not has_kanji(piece):
            out.append(piece)
        else:
            if piece not in done:
                done[piece] = furigana_text(html.unescape(piece), fixed)
            out.append(done[piece])
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
