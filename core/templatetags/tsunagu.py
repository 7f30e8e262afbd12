from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


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
