"""Delivery status for roster lines, for any roster page (the class messages page uses it)."""

from collections import defaultdict

from messaging.models import Message


def delivery_by_registration(registration_ids) -> dict[int, list[Message]]:
    """The messages of each registration, newest first, in one query.

    For a roster of N lines this is one query, not N (the N+1 a per-line lookup would cause).
    """
    found: dict[int, list[Message]] = defaultdict(list)
    for message in Message.objects.filter(registration_id__in=list(registration_ids)).order_by(
        "-created_at", "-id"
    ):
        found[message.registration_id].append(message)
    return found
