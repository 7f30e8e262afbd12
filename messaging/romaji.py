"""Kana in Latin letters (modified Hepburn), for voices and readers that cannot read Japanese.

A Portuguese or English voice cannot say 藤野公民館, but it can say "Fujino
Kominkan" from the venue's reading ふじの こうみんかん. Long vowels are left
unmarked (こう → ko, ちゅうおう → chuo, おおの → ono), as on the city's road
signs and in the names people type; ん before a vowel or y is written n'
(しんおおの → Shin'ono) so it is not read as な or にゃ.

Words are the reading's own, split at its spaces; a reading written without
spaces still has its facility word split off (さがみここうみんかん → Sagamiko
Kominkan), because one long word is what a voice stumbles over. Anything that
is not kana (a kanji the reading kept, a digit, a Latin letter) is kept as it is.
"""

import re

_SYLLABLES = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o",
    "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so",
    "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no",
    "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo",
    "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro",
    "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go",
    "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do",
    "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
    "ゔ": "vu",
    "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o",
}  # fmt: skip
# A consonant syllable followed by a small ゃ, ゅ or ょ: きゃ kya, しゃ sha, ちゃ cha, じゃ ja.
_YOON_STEMS = {"し": "sh", "ち": "ch", "じ": "j", "ぢ": "j"}
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
# The facility words a venue's reading ends with, split off when it has no spaces
# (あさひまちづくりせんたー → Asahi Machizukuri Senta).
_FACILITY_WORDS = ("こうみんかん", "まちづくり", "せんたー", "かいかん", "としょかん")
_LONG_VOWELS = {("o", "u"), ("o", "o"), ("u", "u")}
_SPACES = re.compile(r"[\s\u3000・]+")


def _hiragana(text: str) -> str:
    """Katakana as hiragana (ア → あ), so one table serves both; ー is kept."""
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in text)


def _syllables(word: str) -> list[str]:
    """The word's syllables in romaji, small っ and ー still marked ("っ", "ー")."""
    out: list[str] = []
    i = 0
    while i < len(word):
        ch, after = word[i], word[i + 1 : i + 2]
        if after in _SMALL_Y and ch in _SYLLABLES and ch not in "あいうえおやゆよわん":
            stem = _YOON_STEMS.get(ch, _SYLLABLES[ch][:-1] + "y")
            out.append(stem + _SMALL_Y[after])
            i += 2
            continue
        out.append(_SYLLABLES.get(ch, ch))
        i += 1
    return out


def _word(word: str) -> str:
    syllables = _syllables(word)
    letters: list[str] = []
    for index, syllable in enumerate(syllables):
        previous = letters[-1] if letters else ""
        if syllable == "ー":
            continue  # a long vowel, unmarked
        if (previous[-1:], syllable) in _LONG_VOWELS:
            continue  # おう, おお, うう: one long vowel, unmarked
        if syllable == "っ":
            following = syllables[index + 1] if index + 1 < len(syllables) else ""
            # っち → tch (Hepburn), otherwise the next consonant doubled.
            letters.append("t" if following.startswith("ch") else following[:1])
            continue
        if previous == "n" and syllable[:1] in ("a", "i", "u", "e", "o", "y"):
            letters[-1] = "n'"
        letters.append(syllable)
    return "".join(letters)


def _words(reading: str) -> list[str]:
    words = [w for w in _SPACES.split(_hiragana(reading).strip()) if w]
    if len(words) != 1:
        return words
    stem, tail = words[0], []
    while facility := next((f for f in _FACILITY_WORDS if stem.endswith(f) and stem != f), None):
        stem = stem.removesuffix(facility)
        tail.insert(0, facility)
    return [stem, *tail]


def romanize(reading: str) -> str:
    """A kana reading in modified Hepburn, each word capitalised: "Fujino Kominkan"."""
    return " ".join(
        romaji[:1].upper() + romaji[1:] for romaji in map(_word, _words(reading)) if romaji
    )
