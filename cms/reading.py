"""Reading aids a resident turns on once and keeps: furigana, larger text, high contrast.

The choice lives in one small cookie, set by a plain link (no JavaScript, no
form token), so a cached page stays the same for every visitor with the same
choice: the cookie's normalised value is part of the page cache key.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language

COOKIE = "tsunagu_reading"
EASY_JAPANESE = "ja-x-easy"
ONE_YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class ReadingPrefs:
    furigana_choice: str  # "on", "off" or "" (not chosen: the language decides)
    large: bool
    contrast: bool
    language: str

    @property
    def japanese(self) -> bool:
        return self.language.startswith("ja")

    @property
    def furigana(self) -> bool:
        """On when chosen; by default only for easy Japanese, whose readers expect it."""
        if not self.japanese:
            return False
        if self.furigana_choice:
            return self.furigana_choice == "on"
        return self.language == EASY_JAPANESE

    @property
    def html_classes(self) -> str:
        return " ".join(
            name
            for name, on in (("reading-large", self.large), ("reading-contrast", self.contrast))
            if on
        )

    @property
    def cache_key(self) -> str:
        return encode(self.furigana_choice, self.large, self.contrast)


def encode(furigana: str, large: bool, contrast: bool) -> str:
    return (
        ("F" if furigana == "on" else "f" if furigana == "off" else "")
        + ("L" if large else "")
        + ("C" if contrast else "")
    )


def parse(raw: str | None) -> tuple[str, bool, bool]:
    raw = (raw or "")[:8]
    furigana = "on" if "F" in raw else "off" if "f" in raw else ""
    return furigana, "L" in raw, "C" in raw


def reading_prefs(request: HttpRequest | None) -> ReadingPrefs:
    raw = request.COOKIES.get(COOKIE) if request is not None else None
    furigana, large, contrast = parse(raw)
    return ReadingPrefs(furigana, large, contrast, get_language() or settings.LANGUAGE_CODE)


def reading_preferences_view(request: HttpRequest) -> HttpResponseRedirect:
    """Change one reading aid (?furigana=on|off, ?size=large|normal, ?contrast=high|normal)
    and return to the page the reader was on."""
    furigana, large, contrast = parse(request.COOKIES.get(COOKIE))
    choice = request.GET.get("furigana")
    if choice in ("on", "off"):
        furigana = choice
    if request.GET.get("size") in ("large", "normal"):
        large = request.GET["size"] == "large"
    if request.GET.get("contrast") in ("high", "normal"):
        contrast = request.GET["contrast"] == "high"
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        COOKIE,
        encode(furigana, large, contrast),
        max_age=ONE_YEAR,
        samesite="Lax",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
    )
    # A preference is not a page: never keep the redirect in any cache.
    response["Cache-Control"] = "no-store"
    return response
