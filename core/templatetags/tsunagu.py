import re

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

register = template.Library()

# Kana, CJK ideographs, and Japanese punctuation and full-width forms.
_JAPANESE_SCRIPT = re.compile(
    r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\uff5e-\uff9f]"
)


@register.filter(needs_autoescape=True)
def lang_ja(value, autoescape=True):
    """City data written in Japanese (a venue, an address, a note, a person's name)
    marked lang="ja" on a page in another language.

    Screen readers then read it in Japanese, the stylesheet gives it a Japanese
    font, and a Chinese page does not claim a Japanese address as Chinese.
    Data with an English version is shown in it already (District.display_name).
    """
    text = conditional_escape(value) if autoescape else value
    language = get_language() or settings.LANGUAGE_CODE
    # A lazy translation (CITY_NAME's default) is already in the reader's language.
    translated = isinstance(value, Promise)
    if translated or language.startswith("ja") or not _JAPANESE_SCRIPT.search(str(value or "")):
        return text
    return format_html('<span lang="ja">{}</span>', text)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """Links to this page in each language: plain links, so they work without
    JavaScript and carry no CSRF token into a cached page.

    A Wagtail page links to its own translation where one exists; any other
    page to the same address under the other language's prefix.
    """
    request = context.get("request")
    current = get_language()
    page = context.get("page")
    translations = {}
    path = request.get_full_path() if request is not None else "/"
    # Only on the page's own address: a sub-route (/help/topic/maps/) keeps its
    # path under the other prefix, where the page says if it is not translated.
    if (
        page is not None
        and hasattr(page, "get_translations")
        and request is not None
        and page.get_url(request) == request.path
    ):
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated.get_url(request)
    links = []
    for code, name in settings.LANGUAGES:
        url = translations.get(code) or translate_url(path, code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.simple_tag
def home_url() -> str:
    """The home page in the reader's language: Japanese unprefixed, the others under /<code>/."""
    language = get_language() or settings.LANGUAGE_CODE
    return "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
