"""The only outreach code the help pages (cms) read: class topics and the next classes.

DESIGN.md keeps the arrows pointing inwards: cms knows nothing of outreach's
models beyond these two functions, so the class finder can change freely.
"""

from __future__ import annotations

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from outreach.models import ClassSession, Registration, Topic


def class_topics():
    """Every class topic in curriculum order (basics first), for the help index and editors."""
    return Topic.objects.order_by("sort_order", "slug")


def topic_by_slug(slug: str) -> Topic | None:
    return Topic.objects.filter(slug=slug).first()


def next_classes_for_topic(topic: Topic | str, *, limit: int = 3) -> list[ClassSession]:
    """The next published classes on this topic that have not started, with seats info.

    Each class carries ``seats_left``, ``confirmed_seats`` and ``waitlist_length``
    (one query whatever the limit; the class finder's ``with_seats_left()`` when
    it exists, the same sums here until then).
    """
    sessions = ClassSession.objects.published().upcoming().with_related()
    if isinstance(topic, str):
        sessions = sessions.filter(topic__slug=topic)
    else:
        sessions = sessions.filter(topic=topic)
    if hasattr(sessions, "with_seats_left"):
        sessions = sessions.with_seats_left()
    else:
        confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
        waitlisted = Q(registrations__status=Registration.Status.WAITLISTED)
        sessions = sessions.annotate(
            confirmed_seats=Coalesce(Sum("registrations__party_size", filter=confirmed), 0),
            waitlist_length=Coalesce(Sum("registrations__party_size", filter=waitlisted), 0),
        )
    classes = list(sessions.order_by("starts_at", "id")[:limit])
    for session in classes:
        if not hasattr(session, "seats_left"):
            session.seats_left = max(session.capacity - session.confirmed_seats, 0)
    return classes
