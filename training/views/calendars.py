"""A session's .ics download and a learner's personal, revocable calendar feed."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from core.calendar import ics_response
from core.permissions import role_required, staff_learner_required
from core.roles import Role
from training import calendar
from training.models import CourseSession, LearnerCalendarFeed


@require_safe
@role_required(Role.STAFF_LEARNER, Role.INSTRUCTOR, Role.COORDINATOR)
def session_calendar(request, pk: int):
    """One session as an event (its meeting link is for staff only: sign-in required)."""
    session = get_object_or_404(
        CourseSession.objects.exclude(status=CourseSession.Status.DRAFT).select_related("course"),
        pk=pk,
    )
    return ics_response(
        calendar.session_calendar(session), filename=f"course-session-{session.pk}.ics"
    )


@require_safe
def learner_feed(request, token: str):
    """A learner's sessions at a secret address their calendar app polls (no sign-in)."""
    feed = LearnerCalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    return ics_response(calendar.learner_calendar(feed.user), private=True)


@require_POST
@staff_learner_required
def rotate_feed(request):
    """Create the feed address, or revoke it by giving a new one."""
    feed, created = LearnerCalendarFeed.objects.get_or_create(user=request.user)
    if not created:
        feed.rotate()
    return redirect(reverse("training:my-learning") + "#calendar")
