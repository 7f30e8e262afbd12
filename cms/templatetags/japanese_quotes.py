"""Japanese words quoted inside an article in another language, marked as Japanese.

A help article in English, Chinese, Korean, Vietnamese or Portuguese writes what a
phone set to Japanese shows, or what a caller says in Japanese, inside 「」:
"tap 「設定」 (Settings)". Marked lang="ja", a screen reader reads those words
with its Japanese voice instead of spelling them out in the page's language.
The mark is added when the page is shown, not stored: wagtail-localize keeps
translated text free of attributes, so a translation could not carry it.
"""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Corner brackets are the convention: Simplified Chinese quotes with “” and the
# other languages never use 「」, so in them 「…」 is always Japanese.
QUOTED = re.compile(r"「[^「」<>]+」")
TAG = re.compile(r"(<[^>]*>)")


def mark_quoted_japanese(html: str) -> str:
    """Wrap each 「…」 in the text of trusted HTML in <span lang="ja">, never inside a tag."""
    parts = TAG.split(html)
    for i in range(0, len(parts), 2):  # even parts are text, odd parts are tags
        parts[i] = QUOTED.sub(lambda m: f'<span lang="ja">{m.group(0)}</span>', parts[i])
    return "".join(parts)


@register.filter
def mark_japanese(value):
    """Mark quoted Japanese in plain text or trusted HTML; unchanged on Japanese pages."""
    if value is None or (get_language() or "ja").startswith("ja"):
        return value
    # Plain text is escaped here; rendered rich text is already safe HTML.
    html = str(conditional_escape(value))
    return mark_safe(mark_quoted_japanese(html))  # noqa: S308 - escaped above; only spans are added
