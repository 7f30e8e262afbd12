"""City data written in Japanese, on pages in another language.

District, venue and topic names, addresses and notes come from the database in
Japanese (with an English field where the city filled one). On a page in another
language such text is marked lang="ja": screen readers read it in Japanese, the
stylesheet gives it a Japanese font, and a Chinese page does not claim a Japanese
address as Chinese.
"""

import re

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import get_language

# Kana, CJK ideographs, and Japanese punctuation and full-width forms.
JAPANESE_SCRIPT = re.compile(
    r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\uff5e-\uff9f]"
)


class InReadersLanguage(str):
    """City data the city wrote in the reader's own language (a topic's Chinese title).

    Chinese is written with the same ideographs as Japanese, so the script cannot tell
    them apart: the data says which it is.
    """


def needs_lang_ja(value) -> bool:
    """Whether `value`, shown on the current page, must be marked lang="ja"."""
    language = get_language() or settings.LANGUAGE_CODE
    # A lazy translation (CITY_NAME's default) is already in the reader's language.
    if isinstance(value, Promise | InReadersLanguage) or language.startswith("ja"):
        return False
    return bool(JAPANESE_SCRIPT.search(str(value or "")))
