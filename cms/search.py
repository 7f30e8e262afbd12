"""Search that finds what people type: the words an article is indexed under, and the
alternatives each word of a query may match.

Japanese has no spaces, and the same word is written several ways: 申請 or
しんせい, 支払う or はらう, LINE or ライン. The index holds each article's words
from SudachiPy (cms.japanese.search_tokens), and also, for each group of words
that mean the same thing on the site (SYNONYMS, below), the group's key, so a
query in any spelling of the group finds an article written in another: the
easy-Japanese page says もうしこむ where the standard page says 申請.

A query typed in kana only (しんせい, もうしこみ) is taken whole, since SudachiPy
splits unknown kana into pieces (しん + せい) that would match anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cms import japanese


@dataclass(frozen=True)
class Synonyms:
    key: str  # the form stored in the index, lower case
    words: tuple[str, ...]
    # Only a whole word counts: ライン is the LINE app, but ライン inside
    # 消費者ホットライン is not.
    whole_word_only: bool = False


# Words the site's articles use that differ between the standard and the easy
# versions, or between what residents type and what the page says.
SYNONYMS = (
    Synonyms(
        "申請",
        ("申請", "しんせい", "申し込む", "申し込み", "申込", "申込み", "もうしこむ", "もうしこみ"),
    ),
    Synonyms(
        "支払う",
        ("支払う", "支払い", "支払", "払う", "はらう", "はらい", "はらって", "しはらい", "決済"),
    ),
    Synonyms("文字", ("文字", "字", "もじ")),
    Synonyms("line", ("line", "ライン", "らいん"), whole_word_only=True),
    Synonyms("スマホ", ("スマホ", "スマートフォン", "携帯電話", "ケータイ", "けいたい")),
    Synonyms("詐欺", ("詐欺", "サギ", "さぎ")),
    Synonyms("写真", ("写真", "しゃしん", "フォト")),
    Synonyms("送る", ("送る", "おくる", "おくり", "おくって", "送信")),
    Synonyms("保険証", ("保険証", "健康保険証", "ほけんしょう")),
    Synonyms("地図", ("地図", "ちず", "マップ")),
    Synonyms("市役所", ("市役所", "しやくしょ", "役所")),
    Synonyms("電話", ("電話", "でんわ")),
)

KANA_RE = re.compile(r"^[ぁ-ゖァ-ヺー]+$")
# Particles a reader may type after a word: 「しんせいを」 is still しんせい.
TRAILING_PARTICLE_RE = re.compile(r"(を|に|で|は|が|の|へ|と|も|から|まで)$")
MIN_SUBSTRING = 3  # kana words this long are found inside conjugated forms (もうしこみます)


def _forms(word: str) -> set[str]:
    word = word.lower()
    return {word, japanese.to_hiragana(word)}


def _lookup() -> dict[str, Synonyms]:
    table = {}
    for group in SYNONYMS:
        for word in group.words:
            for form in _forms(word):
                table[form] = group
    return table


_BY_WORD = _lookup()


def _groups_of_words(text: str) -> set[Synonyms]:
    found = set()
    for mode in (japanese.SplitMode.C, japanese.SplitMode.A):
        for word in japanese.words(text, mode):
            if word.pos in japanese.FUNCTION_POS:
                continue
            for form in (word.surface, word.normalized):
                group = _BY_WORD.get(form.lower()) or _BY_WORD.get(japanese.to_hiragana(form))
                if group and (mode == japanese.SplitMode.C or not group.whole_word_only):
                    found.add(group)
    return found


def synonym_keys(text: str) -> list[str]:
    """The keys of every group with a word in the text."""
    groups = _groups_of_words(text)
    compact = text.replace(" ", "").replace("\u3000", "")
    for group in SYNONYMS:
        if group.whole_word_only:
            continue
        if any(
            len(word) >= MIN_SUBSTRING and KANA_RE.match(word) and word in compact
            for word in group.words
        ):
            groups.add(group)
    return sorted(group.key for group in groups)


def index_tokens(text: str) -> str:
    """What an article is indexed under: its words (cms.japanese) and synonym keys."""
    tokens = japanese.search_tokens(text)
    keys = [key for key in synonym_keys(text) if key not in tokens.split()]
    return " ".join([tokens, *keys]).strip()


def _group_of(forms: tuple[str, ...]) -> Synonyms | None:
    for form in forms:
        group = _BY_WORD.get(form.lower()) or _BY_WORD.get(japanese.to_hiragana(form))
        if group:
            return group
    # A conjugated word typed in kana: はらいます holds はらい.
    hiragana = japanese.to_hiragana(forms[0])
    if KANA_RE.match(hiragana):
        for group in SYNONYMS:
            if not group.whole_word_only and any(
                len(word) >= MIN_SUBSTRING and KANA_RE.match(word) and word in hiragana
                for word in group.words
            ):
                return group
    return None


def _term(forms: tuple[str, ...]) -> tuple[str, ...]:
    group = _group_of(forms)
    if group is None:
        return forms
    if group.whole_word_only:
        return (group.key,)
    return tuple(dict.fromkeys((*forms, group.key)))


def query_terms(query: str) -> list[tuple[str, ...]]:
    """One tuple of alternatives per word of the query; an article must match every word."""
    terms = []
    for chunk in query[:200].split():
        if KANA_RE.match(chunk):
            word = TRAILING_PARTICLE_RE.sub("", chunk) if len(chunk) > 2 else chunk
            if not word or TRAILING_PARTICLE_RE.fullmatch(chunk):
                continue
            hiragana = japanese.to_hiragana(word)
            katakana = japanese.to_katakana(hiragana)
            terms.append(_term(tuple(dict.fromkeys((word, hiragana, katakana)))))
            continue
        for forms in japanese.query_terms(chunk):
            terms.append(_term(forms))
    return terms
