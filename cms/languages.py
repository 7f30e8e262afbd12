"""Pages in the reader's language, or an honest notice that one is missing.

Wagtail, asked for /vi/help/, serves the Japanese page when no Vietnamese one
exists, under lang="vi": a page that says it is Vietnamese and is not. Instead
the reader gets a short notice in their language with links to the Japanese
and easy-Japanese versions (and any other translation), never a 404.
"""

from __future__ import annotations

import functools
import gettext as gettext_module

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

from cms.models import readable


def missing_notice() -> tuple[str, str]:
    """The notice's sentence and the words before the list, in the reader's language."""
    # Translators: say that the page is not yet available in *your* language.
    notice = _("このページは、まだ日本語で読めません。")
    return notice, _("ほかの言葉で読む：")


# The Japanese versions come first: every page exists in Japanese, and easy
# Japanese is what many foreign residents read best.
PREFERRED_FALLBACKS = ("ja-x-easy", "ja")


@functools.cache
def has_interface_catalogue(language: str) -> bool:
    """True when Tsunagu's own interface strings are translated into this language.

    Japanese is the source; every other language needs a catalogue in
    LOCALE_PATHS (make messages), or its menus stay Japanese and are marked so.
    """
    if language == settings.LANGUAGE_CODE:
        return True
    return any(
        gettext_module.find("django", str(path), [to_locale(language)])
        for path in settings.LOCALE_PATHS
    )


def interface_language(language: str | None = None) -> str:
    language = language or get_language() or settings.LANGUAGE_CODE
    return language if has_interface_catalogue(language) else "ja"


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


def translation_missing_response(request, page) -> TemplateResponse:
    language = get_language()
    # Only versions readers can read: no alias, no partial translation.
    translations = list(readable(page.get_translations(inclusive=True)).select_related("locale"))
    order = {code: i for i, code in enumerate(PREFERRED_FALLBACKS)}
    translations.sort(key=lambda p: (order.get(p.locale.language_code, 99), p.locale.language_code))
    alternatives = [
        {
            "code": p.locale.language_code,
            "name": language_name(p.locale.language_code),
            "title": p.title,
            "url": p.get_url(request),
        }
        for p in translations
    ]
    notice, read_in = missing_notice()
    return TemplateResponse(
        request,
        "cms/translation_missing.html",
        {
            "page": page,
            "self": page,
            "missing_notice": notice,
            "read_in": read_in,
            "alternatives": alternatives,
            "language_name": language_name(language),
        },
    )
