"""The only outreach code the help pages (cms) read: class topics, the next classes,
and when what these return may have changed.

DESIGN.md keeps the arrows pointing inwards: cms knows nothing of outreach's
models beyond these functions, so the class finder can change freely.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from outreach.models import ClassSession, Registration, Topic
from outreach.signals import class_changed, registration_changed


def class_topics():
    """Every class topic in curriculum order (basics first), for the help index and editors."""
    return Topic.objects.order_by("sort_order", "slug")


def topic_by_slug(slug: str) -> Topic | None:
    return Topic.objects.filter(slug=slug).first()


def next_classes_for_topic(topic: Topic | str, *, limit: int = 3) -> list[ClassSession]:
    """The next published classes on this topic that have not started, with seats info.

    Each class carries ``seats_left``, ``confirmed_seats`` and ``waitlist_length``
    (one query whatever the limit: the class finder's ``with_seats_left()``).
    """
    sessions = ClassSession.objects.published().upcoming().with_related().with_seats_left()
    if isinstance(topic, str):
        sessions = sessions.filter(topic__slug=topic)
    else:
        sessions = sessions.filter(topic=topic)
    return list(sessions.order_by("starts_at", "id")[:limit])


def on_classes_changed(receiver, *, dispatch_uid: str) -> None:
    """Call `receiver(**kwargs)` whenever what the functions above return may have changed.

    A registration or a class changed (sent on commit), a class saved or
    deleted, a topic saved: the help pages' cache purges on these.
    """
    registration_changed.connect(
        receiver, sender=Registration, dispatch_uid=f"{dispatch_uid}-registration"
    )
    class_changed.connect(receiver, sender=ClassSession, dispatch_uid=f"{dispatch_uid}-class")
    post_save.connect(receiver, sender=ClassSession, dispatch_uid=f"{dispatch_uid}-class-save")
    post_delete.connect(receiver, sender=ClassSession, dispatch_uid=f"{dispatch_uid}-class-del")
    post_save.connect(receiver, sender=Topic, dispatch_uid=f"{dispatch_uid}-topic-save")
