"""Incoming SMS and voicemails for the coordinators' inbox.

The rule: Twilio retries a webhook it got no answer to, so each incoming item is
kept once, by its provider id; marking it handled records who and when.
"""

from django.utils import timezone

from messaging.models import InboundMessage


def record_inbound(
    *,
    kind: str,
    from_number: str,
    provider_id: str,
    body: str = "",
    recording_url: str = "",
    recording_seconds=None,
) -> InboundMessage:
    """Keep an incoming SMS or voicemail for the inbox; a retried webhook is kept once."""
    inbound, _created = InboundMessage.objects.get_or_create(
        provider_id=provider_id,
        defaults={
            "kind": kind,
            "from_number": from_number[:20],
            "body": body,
            "recording_url": recording_url,
            "recording_seconds": recording_seconds,
        },
    )
    return inbound


def mark_handled(inbound: InboundMessage, *, by) -> None:
    inbound.handled_at = timezone.now()
    inbound.handled_by = by
    inbound.save(update_fields=["handled_at", "handled_by"])
