"""Desk pages: sessions of staff courses, with their seats and waiting lists.

Seats and waiting lists are counted from the enrolments; nothing here changes
an enrolment. A session people have enrolled in keeps its time, place and
capacity here (training.planning.edit_session says why).
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import coordinator_required
from training.desk.forms import CourseSessionForm
from training.models import CourseSession, Enrolment
from training.planning import SessionBookedError, edit_session, plan_sessions, publish_session

SESSIONS_SHOWN = 200


@coordinator_required
def desk_home(request):
    """Sessions from today on (or the past ones), with seats taken and waiting lists."""
    past = request.GET.get("when") == "past"
    now = timezone.now()
    sessions = CourseSession.objects.with_related().with_seats_left()
    if past:
        sessions = sessions.filter(starts_at__lt=now).order_by("-starts_at", "-id")
    else:
        sessions = sessions.filter(starts_at__gte=now).order_by("starts_at", "id")
    return render(
        request,
        "training/desk/home.html",
        {"sessions": sessions[:SESSIONS_SHOWN], "past": past, "limit": SESSIONS_SHOWN},
    )


@coordinator_required
def session_create(request):
    form = CourseSessionForm(request.POST or None, initial={"capacity": 20})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        template = form.save(commit=False)
        template.starts_at, template.ends_at = data["starts_at"], data["ends_at"]
        created = plan_sessions(
            template,
            weeks=data.get("repeat_weeks") or 0,
            publish=data.get("publish", False),
            by=request.user,
        )
        messages.success(
            request, _("%(count)d回分の開催回を作りました。") % {"count": len(created)}
        )
        return redirect("training:desk-home")
    return render(
        request,
        "training/desk/session_form.html",
        {"form": form, "session": None},
        status=400 if request.method == "POST" else 200,
    )


@coordinator_required
def session_edit(request, pk: int):
    session = get_object_or_404(CourseSession.objects.with_related().with_seats_left(), pk=pk)
    booked = (
        Enrolment.objects.filter(session=session).exclude(status=Enrolment.Status.CANCELLED)
    ).exists()
    # The form changes a copy: on a refused change the page still shows the saved values.
    form = CourseSessionForm(
        request.POST or None,
        instance=CourseSession.objects.get(pk=pk),
        booked=booked,
    )
    if request.method == "POST" and form.is_valid():
        try:
            edit_session(session, by=request.user, **form.session_changes())
        except SessionBookedError as exc:
            form.add_error(None, str(exc))
        else:
            if request.POST.get("publish_now"):
                publish_session(session, by=request.user)
            messages.success(request, _("開催回を変更しました。"))
            return redirect("training:desk-home")
    return render(
        request,
        "training/desk/session_form.html",
        {"form": form, "session": session, "booked": booked},
        status=400 if request.method == "POST" else 200,
    )


@coordinator_required
@require_POST
def session_publish(request, pk: int):
    session = get_object_or_404(CourseSession, pk=pk)
    publish_session(session, by=request.user)
    messages.success(request, _("募集を始めました。"))
    return redirect("training:desk-home")
