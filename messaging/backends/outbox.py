from messaging.backends.base import BaseBackend, SendResult


class OutboxBackend(BaseBackend):
    """Sends nothing: the message log itself is the outbox coordinators read.

    Used by `make run` and the tests. Marking the row sent is the whole send,
    so there is no moment where a message is out but not recorded.
    """

    def send(self, message) -> SendResult:
        return SendResult(provider_id=f"outbox-{message.uuid.hex[:24]}")
