"""The site's WSGI application, pausing after each POST is handled and before its answer goes out.

For tests/ops/test_killed_worker.py: a registration takes a few milliseconds, so
a worker was seldom caught in the middle of one, and on a loaded machine never.
Django has committed the registration when the application returns; gunicorn's
sync worker writes the answer only after that. A worker killed during the pause
takes an answer with it for a place that was kept, which is the case under test.
"""

import time

from config.wsgi import application as site

PAUSE_SECONDS = 0.05


def application(environ, start_response):
    response = site(environ, start_response)
    if environ["REQUEST_METHOD"] == "POST":
        time.sleep(PAUSE_SECONDS)
    return response
