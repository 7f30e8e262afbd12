"""Desk pages: sessions of staff courses, with their seats and waiting lists.

Seats and waiting lists are counted from the enrolments. Changing an existing
session goes through training.services (update_session, publish_session), which
lock the session, promote from the waiting list when capacity grows and email
learners holding a seat when its time or place moves.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import coordinator_required
from training import services
from training.desk.forms import CourseSessionForm
from training.models import CourseSession
from training.planning import plan_sessions

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
    booked = session.confirmed_seats > 0 or session.waitlist_length > 0
    # The form changes a copy: on a refused change the page still shows the saved values.
    form = CourseSessionForm(request.POST or None, instance=CourseSession.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            promoted = services.update_session(session, by=request.user, **form.session_changes())
            if request.POST.get("publish_now"):
                services.publish_session(session, by=request.user)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except services.EnrolmentError as exc:
            form.add_error(None, str(exc))
        else:
            text = _("開催回を変更しました。")
            if promoted:
                text += " " + _("キャンセル待ちから%(count)d人を繰り上げました。") % {
                    "count": len(promoted)
                }
            messages.success(request, text)
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
    try:
        services.publish_session(session, by=request.user)
    except services.EnrolmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("募集を始めました。"))
    return redirect("training:desk-home")
