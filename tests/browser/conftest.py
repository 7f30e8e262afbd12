"""Playwright with Debian's Chromium against pytest-django's live server.

Never `playwright install`: it downloads a browser, which this network forbids.
"""

import contextlib
import os

import pytest

# The figures' hand-counted year, for the figures pages in Chromium.
from tests.metrics.conftest import world  # noqa: F401

# Playwright's sync API runs an event loop in this thread; the live server's
# test data is written through the ORM from the same thread, which Django
# would otherwise refuse as "async-unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # Without these Chromium keeps calling Google's hosts, which this network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}
DESKTOP = {"width": 1280, "height": 900}


@contextlib.contextmanager
def chromium():
    """Debian's Chromium through Playwright's sync API, in this thread.

    Playwright runs an event loop in the thread, and while it runs Django's connections
    live apart from the thread's own (asgiref keeps them per async context): a connection
    opened before Playwright starts, or while it runs, would stay open and unseen to the
    end of the process, and the test database could not be dropped ("being accessed by
    other users"). Each side's connections are closed before the other's begins.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    connections.close_all()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
            connections.close_all()


@pytest.fixture(scope="session")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def new_page(browser):
    """A factory: new_page(viewport=PHONE, locale="ja-JP") -> a page in a fresh context."""
    contexts = []

    def make(viewport=DESKTOP, locale="ja-JP", **kwargs):
        # Playwright's waits (wait_for_function) and axe's injected script are code the
        # site's Content-Security-Policy refuses; tests/browser/test_security_headers.py
        # and the CSP test in test_attendance.py open pages with the policy enforced.
        kwargs.setdefault("bypass_csp", True)
        context = browser.new_context(
            viewport=viewport, locale=locale, timezone_id="Asia/Tokyo", **kwargs
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
