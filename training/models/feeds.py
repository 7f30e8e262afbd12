"""A learner's personal calendar feed of the course sessions they hold a seat in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.feeds import PersonalFeed


class LearnerCalendarFeed(PersonalFeed):
    """One secret feed address per learner; revoking gives a new token (core.feeds)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("職員"),
        on_delete=models.CASCADE,
        related_name="training_calendar_feed",
    )

    class Meta:
        verbose_name = _("研修のカレンダー配信")
        verbose_name_plural = _("研修のカレンダー配信")

    def __str__(self) -> str:
        return str(self.user)
