import datetime as dt
import re

import pytest
from django.utils import timezone

from messaging.models import Message
from messaging.receivers import wake_worker
from messaging.signals import messages_queued
from tests.messaging.fake_twilio import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio

FROM_NUMBER = "+815012345678"


def reported(output: str, word: str) -> int:
    """The count send_due_reminders printed for `word` in its summary ("sent 12, recovered 1, …")."""
    found = re.search(rf"^{word} (\d+)|, {word} (\d+)", output, re.MULTILINE)
    assert found, output
    return int(found[1] or found[2])


def jst(*args) -> dt.datetime:
    """An aware moment in Japan time: jst(2030, 5, 12, 10, 0)."""
    return timezone.make_aware(dt.datetime(*args))


@pytest.fixture
def fake_twilio():
    fake = FakeTwilio().start()
    yield fake
    fake.stop()


@pytest.fixture
def twilio_backend(settings, fake_twilio):
    """SMS_BACKEND=twilio, with the real twilio client talking to the fake API."""
    from messaging.backends import _backend

    settings.SMS_BACKEND = "twilio"
    settings.TWILIO_ACCOUNT_SID = ACCOUNT_SID
    settings.TWILIO_AUTH_TOKEN = AUTH_TOKEN
    settings.TWILIO_FROM_NUMBER = FROM_NUMBER
    settings.TWILIO_API_BASE_URL = fake_twilio.base_url
    _backend.cache_clear()
    yield fake_twilio
    _backend.cache_clear()


@pytest.fixture
def queue_only():
    """Queued messages stay queued: the test (or its worker processes) sends them itself.

    Under the tests' immediate task backend, a committed queueing would
    otherwise deliver at once.
    """
    messages_queued.disconnect(sender=Message, dispatch_uid="messaging-wake")
    yield
    messages_queued.connect(wake_worker, sender=Message, dispatch_uid="messaging-wake")


@pytest.fixture
def clock(monkeypatch):
    """Set messaging's clock: clock.set(jst(...)); starts on a weekday morning."""

    class Clock:
        moment = jst(2030, 5, 13, 9, 0)  # a Monday

        def set(self, moment):
            self.moment = moment

        def now(self):
            return self.moment

    c = Clock()
    monkeypatch.setattr("messaging.clock.now", c.now)
    return c


@pytest.fixture
def twilio_post(client, settings):
    """POST like Twilio: form data signed with the auth token against PUBLIC_BASE_URL."""
    from twilio.request_validator import RequestValidator

    settings.TWILIO_AUTH_TOKEN = AUTH_TOKEN
    settings.PUBLIC_BASE_URL = "https://tsunagu.example.jp"

    def post(path, data=None, *, signature=None):
        data = data or {}
        url = settings.PUBLIC_BASE_URL + path
        if signature is None:
            signature = RequestValidator(AUTH_TOKEN).compute_signature(url, data)
        headers = {"HTTP_X_TWILIO_SIGNATURE": signature} if signature else {}
        return client.post(path, data, **headers)

    return post


def twiml(response):
    """The response parsed as XML (a TwiML document)."""
    import xml.etree.ElementTree as ET

    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own TwiML)
