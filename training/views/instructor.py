"""Instructor pages (tablet-sized): my sessions, the roster with present / absent / undo.

No JavaScript: each row is a form whose buttons post one mark. Staff rooms have
a connection, so nothing is kept offline. Coordinators see every session and
may cancel one from here (with a reason, which the learners' email carries).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import audit
from core.permissions import coordinator_required, instructor_required
from training import roster as rosters
from training import services
from training.forms import CancelSessionForm
from training.models import CourseSession, Enrolment


def _session_or_403(request, pk: int) -> CourseSession:
    session = get_object_or_404(CourseSession.objects.select_related("course", "instructor"), pk=pk)
    if not rosters.may_take_attendance(request.user, session):
        raise PermissionDenied
    return session


@require_GET
@instructor_required
def sessions(request):
    return render(
        request,
        "training/instructor/sessions.html",
        {
            "sessions": rosters.sessions_for(request.user),
            "today": timezone.localdate(),
            "sees_all": rosters.sees_every_session(request.user),
        },
    )


@require_GET
@instructor_required
def roster(request, pk: int):
    session = _session_or_403(request, pk)
    roster = rosters.roster_for(session)
    audit.record(request.user, "training.view_roster", session, people=len(roster.lines))
    return render(
        request,
        "training/instructor/roster.html",
        {
            "session": session,
            "roster": roster,
            "sees_all": rosters.sees_every_session(request.user),
            "Attendance": Enrolment.Attendance,
        },
    )


_DONE = {
    Enrolment.Attendance.PRESENT: gettext_lazy("出席にしました"),
    Enrolment.Attendance.ABSENT: gettext_lazy("欠席にしました"),
    Enrolment.Attendance.UNMARKED: gettext_lazy("記録を元に戻しました"),
}


@require_POST
@instructor_required
def mark(request, pk: int):
    """Present, absent or undo for one learner; back to the roster at their row."""
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("learner", "session"), pk=pk, session__isnull=False
    )
    session = _session_or_403(request, enrolment.session_id)
    value = request.POST.get("attendance", "")
    try:
        services.mark_attendance(enrolment, value, by=request.user)
    except services.EnrolmentError as exc:
        messages.error(request, f"{enrolment.learner}: {exc}")
    else:
        messages.success(request, f"{enrolment.learner}: {_DONE[value]}")
    return redirect(reverse("training:instructor-roster", args=[session.pk]) + f"#e{enrolment.pk}")


@require_http_methods(["GET", "POST"])
@coordinator_required
def session_cancel(request, pk: int):
    session = get_object_or_404(CourseSession.objects.select_related("course"), pk=pk)
    form = CancelSessionForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            cancelled = services.cancel_session(
                session, by=request.user, reason=form.cleaned_data["reason"]
            )
        except services.EnrolmentError as exc:
            error = str(exc)
        else:
            messages.success(
                request,
                _("開催回を中止しました。%(n)d人に中止のメールを送ります。")
                % {"n": len(cancelled)},
            )
            return redirect("training:instructor-roster", pk=session.pk)
    return render(
        request,
        "training/instructor/cancel.html",
        {"session": session, "form": form, "error": error},
        status=400 if form.errors or error else 200,
    )
