from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

from core.city_data import needs_lang_ja

register = template.Library()


@register.filter(needs_autoescape=True)
def lang_ja(value, autoescape=True):
    """City data written in Japanese (a venue, an address, a note, a person's name)
    marked lang="ja" on a page in another language (core.city_data).

    Data with an English version is shown in it already (District.display_name).
    """
    text = conditional_escape(value) if autoescape else value
    if not needs_lang_ja(value):
        return text
    return format_html('<span lang="ja">{}</span>', text)


def _page_translations(context) -> dict[str, str] | None:
    """The addresses of this page in each language readers can read it in, for a
    Wagtail page on its own address; None for any other page (a Django view has
    every language, and a page's sub-route (/help/topic/maps/) keeps its path under
    the other prefix, where the page says if it is not translated).

    A page may define reader_translations() (cms: no alias of another language, no
    partial translation); otherwise its live translations count. Looked up once a
    request: the switcher and the <link rel="alternate"> list both need it.
    """
    request = context.get("request")
    page = context.get("page")
    if page is None or request is None or not hasattr(page, "get_translations"):
        return None
    cached = getattr(request, "_tsunagu_page_translations", None)
    if cached is not None and cached[0] == page.pk:
        return cached[1]
    if page.get_url(request) != request.path:
        return None
    if hasattr(page, "reader_translations"):
        pages = page.reader_translations()
    else:
        pages = page.get_translations(inclusive=True).live()
    translations = {
        translated.locale.language_code: translated.get_url(request)
        for translated in pages.select_related("locale")
    }
    request._tsunagu_page_translations = (page.pk, translations)
    return translations


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """Links to this page in each language: plain links, so they work without
    JavaScript and carry no CSRF token into a cached page.

    A Wagtail page links to its own translation where one exists, and says which
    languages it has (`available`); a link to a language it lacks goes to the same
    address under that prefix, where the reader is told so. Any other page links
    to its address under each prefix.
    """
    request = context.get("request")
    current = get_language()
    translations = _page_translations(context)
    path = request.get_full_path() if request is not None else "/"
    links = []
    for code, name in settings.LANGUAGES:
        url = (translations or {}).get(code) or translate_url(path, code)
        available = translations is None or code in translations
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                "available": available,
            }
        )
    return links


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.PUBLIC_BASE_URL + url


@register.simple_tag(takes_context=True)
def alternate_links(context) -> list[dict]:
    """<link rel="alternate" hreflang> for each language the page exists in, and
    x-default (the Japanese page, which every page has), at the public address."""
    request = context.get("request")
    if request is None:
        return []
    translations = _page_translations(context)
    if translations is None:
        translations = {
            code: translate_url(request.path, code) for code, _name in settings.LANGUAGES
        }
    links = [
        {"hreflang": code, "url": _absolute(translations[code])}
        for code, _name in settings.LANGUAGES
        if code in translations
    ]
    if settings.LANGUAGE_CODE in translations:
        links.append(
            {"hreflang": "x-default", "url": _absolute(translations[settings.LANGUAGE_CODE])}
        )
    return links


@register.simple_tag
def home_url() -> str:
    """The home page in the reader's language: Japanese unprefixed, the others under /<code>/."""
    language = get_language() or settings.LANGUAGE_CODE
    return "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
