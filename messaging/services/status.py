"""Twilio's status callbacks: what became of a message after it was sent.

The rule: a message never moves backwards. Callbacks arrive out of order and
Twilio retries them, so `sent` after `delivered` changes nothing; only the
error code and Twilio's reported price are added whenever they come. A
callback with error 21610 (the recipient replied STOP to Twilio) opts the
number out.
"""

from django.db import transaction
from django.utils import timezone

from messaging.backends.twilio import parse_price
from messaging.models import Message, OptOut
from messaging.services.optouts import PROVIDER_UNSUBSCRIBED_CODE, opt_out

# Twilio's message and call statuses, in our terms.
STATUS_FROM_PROVIDER = {
    # messages
    "accepted": Message.Status.SENT,
    "queued": Message.Status.SENT,
    "sending": Message.Status.SENT,
    "sent": Message.Status.SENT,
    "delivered": Message.Status.DELIVERED,
    "read": Message.Status.DELIVERED,
    "undelivered": Message.Status.UNDELIVERED,
    "failed": Message.Status.FAILED,
    # calls
    "initiated": Message.Status.SENT,
    "ringing": Message.Status.SENT,
    "in-progress": Message.Status.SENT,
    "completed": Message.Status.DELIVERED,
    "busy": Message.Status.UNDELIVERED,
    "no-answer": Message.Status.UNDELIVERED,
    "canceled": Message.Status.UNDELIVERED,
}


def record_status(
    provider_id: str, status: str, *, error_code: str = "", price=None, price_unit=""
) -> Message | None:
    """Apply a status callback to the message it is about; the message, or None if unknown."""
    mapped = STATUS_FROM_PROVIDER.get(status)
    if mapped is None or not provider_id:
        return None
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(provider_id=provider_id).first()
        if message is None:
            return None
        fields = []
        if Message.RANK[mapped] > Message.RANK[message.status] or (
            mapped != message.status and message.status == Message.Status.SENT
        ):
            message.status = mapped
            fields.append("status")
            if mapped == Message.Status.DELIVERED:
                message.delivered_at = timezone.now()
                fields.append("delivered_at")
        if error_code and error_code != message.error_code:
            message.error_code = error_code[:20]
            fields.append("error_code")
        price_value = parse_price(price)
        if price_value is not None:
            message.price = price_value
            message.price_unit = (price_unit or "")[:3]
            fields += ["price", "price_unit"]
        if fields:
            message.save(update_fields=[*fields, "updated_at"])
    if error_code == PROVIDER_UNSUBSCRIBED_CODE:
        opt_out(message.to, source=OptOut.Source.PROVIDER)
    return message
