"""What a server process loads before its first request instead of during it.

A gunicorn worker that has just started spends about 0.6 s of CPU on its first
request: every app's URLs, views and API schemas are imported when the URL
resolver is first asked, a language's catalogues are read when it is first
activated, and phonenumbers reads Japan's numbering plan on the first number
parsed. After a deploy or a restart, a burst of registrations (the minutes after
a class is announced) would queue behind that in every worker. config/wsgi.py
calls warm() once per process, before the server accepts connections. Nothing
here opens a connection to the database or the cache.
"""

from __future__ import annotations

import phonenumbers
from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

# The pages residents open most; each is compiled once and kept by the cached loader.
TEMPLATES = (
    "base.html",
    "outreach/class_list.html",
    "outreach/class_detail.html",
    "outreach/class_register.html",
)


def warm() -> None:
    # The first reverse() imports every URLconf, view and API schema and builds the
    # lookup tables that each {% url %} in a page reads.
    reverse("healthz")
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("スマホ教室")
    number = phonenumbers.parse("042-769-0000", "JP")
    phonenumbers.number_type(number)
    for name in TEMPLATES:
        get_template(name)
