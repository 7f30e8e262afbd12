import sys

from messaging.backends.base import BaseBackend, SendResult


class ConsoleBackend(BaseBackend):
    """Prints each message on the worker's standard output (for development)."""

    def send(self, message) -> SendResult:
        sys.stdout.write(
            f"--- {message.get_channel_display()} to {message.to} "
            f"({message.purpose}, {message.language})\n{message.body}\n---\n"
        )
        sys.stdout.flush()
        return SendResult(provider_id=f"console-{message.uuid.hex[:24]}")
