"""Personal calendar feeds: a secret address a person pastes into their calendar app.

The address is the only key (calendar apps cannot sign in), so it is long and
random, and revoking it gives a new one: the old address dies at once. Each app
keeps its own feed model on this base (a trainer's classes, a learner's courses),
so revoking one does not break the other.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class PersonalFeed(models.Model):
    """Abstract: the token, when it was made and when it was last revoked."""

    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def rotate(self) -> None:
        """Revoke the address: a new token, so calendars using the old one get nothing."""
        self.token = new_feed_token()
        self.rotated_at = timezone.now()
        self.save(update_fields=["token", "rotated_at"])
