"""What every backend answers: send() returns a SendResult, or raises TransientError
(try again later) or PermanentError (never retry)."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass
class SendResult:
    provider_id: str
    price: Decimal | None = None
    price_unit: str = ""


class SendError(Exception):
    def __init__(self, code: str, message: str = ""):
        super().__init__(f"{code}: {message}" if message else code)
        self.code = str(code)
        self.message = message[:300]


class TransientError(SendError):
    """Rate limits, provider outages, timeouts: retried with back-off."""


class PermanentError(SendError):
    """Invalid or unreachable numbers, opted-out recipients: not retried."""


class BaseBackend:
    # Whether a send can have reached the provider without this process knowing
    # (a crash or timeout after the request left): then find_accepted is asked first.
    can_be_ambiguous = False
    # The longest a send() can take; a worker starts a send only while its claim
    # on the message outlasts this (messaging.services.delivery, rule 1).
    send_timeout: float = 0

    def send(self, message) -> SendResult:
        raise NotImplementedError

    def find_accepted(self, message, known_ids: set[str]) -> SendResult | None:
        """After a crash: the provider's record of this message, if it accepted it."""
        return None
