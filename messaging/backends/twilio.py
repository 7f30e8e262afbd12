"""Sending through Twilio's REST API with the official twilio client.

TWILIO_API_BASE_URL, when set, sends every REST call to that address instead
(a staging mock, the tests' fake API). Otherwise calls go through Twilio's
Tokyo edge, the shortest path for calls and messages in Japan.
"""

from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit, urlunsplit

import requests
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from messaging.backends.base import BaseBackend, PermanentError, SendResult, TransientError
from messaging.models import Channel
from messaging.voice import outbound_call_twiml

# Seconds to wait for Twilio by default (settings.TWILIO_TIMEOUT_SECONDS).
TIMEOUT = 15


class BaseUrlHttpClient(TwilioHttpClient):
    """The standard HTTP client with every request's scheme and host replaced."""

    def __init__(self, base_url: str, **kwargs):
        super().__init__(**kwargs)
        parts = urlsplit(base_url)
        self._scheme, self._netloc, self._prefix = (
            parts.scheme,
            parts.netloc,
            parts.path.rstrip("/"),
        )

    def request(self, method, url, *args, **kwargs):
        parts = urlsplit(url)
        url = urlunsplit(
            (self._scheme, self._netloc, self._prefix + parts.path, parts.query, parts.fragment)
        )
        return super().request(method, url, *args, **kwargs)


def make_client(
    account_sid: str, auth_token: str, base_url: str = "", timeout: float = TIMEOUT
) -> Client:
    if base_url:
        return Client(
            account_sid, auth_token, http_client=BaseUrlHttpClient(base_url, timeout=timeout)
        )
    client = Client(account_sid, auth_token, http_client=TwilioHttpClient(timeout=timeout))
    client.edge = "tokyo"
    return client


def parse_price(raw) -> Decimal | None:
    """Twilio reports prices as negative strings ("-0.0760"); the amount, or None."""
    if raw in (None, ""):
        return None
    try:
        return abs(Decimal(str(raw)))
    except InvalidOperation:
        return None


# Twilio error codes that mean "try again later"; every other 4xx is permanent
# (21211 invalid number, 21610 unsubscribed, 21614 not a mobile, ...).
TRANSIENT_CODES = {"20429", "20500", "20503", "30001", "30008"}


class TwilioBackend(BaseBackend):
    can_be_ambiguous = True

    def __init__(
        self, account_sid, auth_token, from_number, base_url, public_base_url, timeout=TIMEOUT
    ):
        self.client = make_client(account_sid, auth_token, base_url, timeout)
        self.send_timeout = timeout
        self.from_number = from_number
        self.status_callback = f"{public_base_url}/twilio/status/"
        self.public_base_url = public_base_url

    def send(self, message) -> SendResult:
        try:
            if message.channel == Channel.VOICE:
                resource = self.client.calls.create(
                    to=message.to,
                    from_=self.from_number,
                    twiml=outbound_call_twiml(message),
                    status_callback=self.status_callback,
                )
            else:
                resource = self.client.messages.create(
                    to=message.to,
                    from_=self.from_number,
                    body=message.body,
                    status_callback=self.status_callback,
                )
        except TwilioRestException as exc:
            code = str(exc.code or exc.status)
            if exc.status == 429 or exc.status >= 500 or code in TRANSIENT_CODES:
                raise TransientError(code, exc.msg or "") from exc
            raise PermanentError(code, exc.msg or "") from exc
        except requests.RequestException as exc:
            # The request may or may not have reached Twilio: the retry asks first.
            raise TransientError("network", exc.__class__.__name__) from exc
        return SendResult(
            provider_id=resource.sid,
            price=parse_price(getattr(resource, "price", None)),
            price_unit=getattr(resource, "price_unit", None) or "",
        )

    def find_accepted(self, message, known_ids: set[str]) -> SendResult | None:
        """Twilio's record of a message sent before a crash: same number, made since
        the message was created, not already recorded against another message, and
        (for SMS) the same text."""
        try:
            if message.channel == Channel.VOICE:
                found = self.client.calls.list(to=message.to, from_=self.from_number, limit=50)
            else:
                found = self.client.messages.list(to=message.to, from_=self.from_number, limit=50)
        except (TwilioRestException, requests.RequestException) as exc:
            # Unknown: do not send again now; the message waits for the next try.
            raise TransientError("lookup", str(exc)[:200]) from exc
        for resource in found:
            if resource.sid in known_ids:
                continue
            if resource.date_created and resource.date_created < message.created_at.replace(
                microsecond=0
            ):
                continue
            if message.channel == Channel.SMS and resource.body != message.body:
                continue
            return SendResult(
                provider_id=resource.sid, price=parse_price(getattr(resource, "price", None))
            )
        return None
