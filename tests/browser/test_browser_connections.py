"""Starting and stopping Chromium leaves no database connection open behind the tests."""

import threading

import pytest
from django.db import connections

from core.models import User
from tests.browser.conftest import chromium

pytestmark = pytest.mark.skipif(
    connections["default"].vendor != "postgresql", reason="counts the server's sessions"
)


@pytest.mark.django_db(transaction=True)
def test_a_browser_started_and_stopped_in_a_thread_leaves_none_of_its_connections_open(
    open_connections,
):
    before = open_connections()
    errors = []

    def a_process_with_a_browser():
        # A new thread, as a test process is: a connection before Chromium starts (the
        # test database's setup), one while it runs (the tests), then Chromium stops.
        try:
            User.objects.exists()
            with chromium():
                User.objects.exists()
            User.objects.exists()
        except BaseException as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)
        finally:
            connections.close_all()  # what this thread can see at its end

    thread = threading.Thread(target=a_process_with_a_browser)
    thread.start()
    thread.join()

    assert errors == []
    assert open_connections(settled_at=before) == before
