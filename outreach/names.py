"""People's names as typed, and the one rule that says two typed names are the same name.

A phone number is not an identity: a couple shares one landline, a daughter
registers her father with her own mobile. Tsunagu therefore treats two
registrations as the same person only when the phone number AND the name
match. "Match" is `name_key`: the name as typed, with width and spacing
differences removed, and nothing else guessed:

* NFKC, so full-width and half-width letters, digits and katakana compare equal
  (ﾔﾏﾀﾞ and ヤマダ, Ｔａｒｏ and Taro);
* every space removed (山田 花子, 山田　花子 and 山田花子 are one name);
* letters case-folded (TARO and Taro);
* cut at KEY_LENGTH characters, so a pasted essay still fits the index.

Kana and kanji are compared as typed: やまだ and 山田 are different names,
because nothing can tell reliably whether they are the same person.
"""

from __future__ import annotations

import unicodedata

# The name a voice-menu registration carries until the desk calls back: the
# caller was never asked for one, and a stored resident's name is never borrowed.
UNCONFIRMED_NAME = "お名前未確認"
KEY_LENGTH = 300


def name_key(name: str | None) -> str:
    """The form of a name used to decide "same person": NFKC, no spaces, case-folded."""
    text = unicodedata.normalize("NFKC", name or "")
    return "".join(text.split()).casefold()[:KEY_LENGTH]


UNCONFIRMED_NAME_KEY = name_key(UNCONFIRMED_NAME)
