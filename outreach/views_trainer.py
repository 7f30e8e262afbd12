"""Trainer pages (tablet, offline-capable) and the coordinator's attendance page for one class.

Thin views: the rosters are read by outreach.rosters, every change is in
outreach.services.attendance.
"""

import hashlib
import json

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import access_log
from core.permissions import coordinator_required, trainer_required
from outreach.models import AttendanceMark, ClassSession, Registration, Resident, WalkIn
from outreach.rosters import DAYS_AHEAD, coming_sessions, roster_for
from outreach.services import attendance as service

# What the tablet keeps for offline use (besides the pages it has opened).
SHELL_STATIC = ["css/site.css", "css/trainer.css", "js/attendance.js", "img/trainer-icon.svg"]


def _state_json(roster) -> dict:
    """The server's current marks for the page script: key -> {value, made_at}.

    The script merges its own marks (made on this tablet, maybe not yet sent)
    with these by the same rule as the server: the latest made_at wins.
    """
    marks = {}
    for line in roster.lines:
        for mark in line.state.history:
            key = f"r{mark.registration_id}|{mark.kind}|{mark.statement_id or ''}|{mark.phase}"
            marks[key] = {
                "value": mark.value,
                "made_at": mark.made_at.isoformat(),
                "uuid": str(mark.client_uuid),
            }
    return marks


def _page_messages() -> dict:
    # The script's words, translated here so the script holds no language.
    return {
        "waiting": _("送信待ちの記録: {n}件"),
        "allSent": _("すべての記録を送信しました"),
        "offline": _("通信できません。記録はこの端末に保存されています"),
        "sending": _("送信しています…"),
        "signIn": _("ログインし直してから送信してください。記録はこの端末に残っています"),
        "refused": _("{n}件の記録は受け付けられませんでした: {why}"),
        "tooLarge": _("この記録は大きすぎて送れません。紙の名簿に書いてください"),
        "unreadable": _("この記録はサーバーが読めませんでした。紙の名簿に書いてください"),
        "noStorage": _("この端末では記録を保存できません。紙の名簿を使ってください"),
        "walkInAdded": _("{name}さんを当日参加として追加しました"),
        "marked": _("{name}さん: {status}"),
        "allMarked": _("{n}人を出席にしました"),
        "undone": _("{name}さんの記録を元に戻しました"),
        "unmarked": _("未記録"),
        "loanerOut": _("貸出中"),
        "loanerBack": _("返却済み"),
        "needName": _("お名前とふりがなを入れてください"),
    }


@require_GET
@trainer_required
def today(request):
    """Today's and the coming days' classes of the signed-in trainer, with their rosters."""
    sessions = coming_sessions(request.user)
    rosters = roster_for(sessions)
    access_log.record(request, "trainer_today", classes=[r.session.pk for r in rosters])
    today_date = timezone.localdate()
    return render(
        request,
        "outreach/trainer/today.html",
        {
            "rosters": rosters,
            "today": today_date,
            "class_urls": [reverse("outreach:trainer-class", args=[r.session.pk]) for r in rosters],
            "days_ahead": DAYS_AHEAD,
        },
    )


@require_GET
@trainer_required
def class_roster(request, session_id: int):
    """One class's roster with the marking buttons and the can-do check (works offline)."""
    session = get_object_or_404(
        ClassSession.objects.select_related("topic", "venue", "venue__district"), pk=session_id
    )
    if not session.is_visible_to(request.user):
        raise PermissionDenied
    roster = roster_for([session])[0]
    access_log.record(request, "trainer_roster", session, people=len(roster.lines))
    return render(
        request,
        "outreach/trainer/class.html",
        {
            "roster": roster,
            "session": session,
            "state": _state_json(roster),
            "page_messages": _page_messages(),
            "attendance_choices": [
                (AttendanceMark.Attendance.PRESENT, _("出席")),
                (AttendanceMark.Attendance.LATE, _("遅刻")),
                (AttendanceMark.Attendance.ABSENT, _("欠席")),
            ],
            "can_do_choices": AttendanceMark.CanDo.choices,
            "faces": [
                ("1", "😣", _("とても不満")),
                ("2", "🙁", _("不満")),
                ("3", "😐", _("ふつう")),
                ("4", "🙂", _("満足")),
                ("5", "😄", _("とても満足")),
            ],
            "phone_kinds": Registration.PhoneKind.choices,
        },
    )


def _static_version() -> str:
    """Changes whenever a file the tablet keeps changes, so the worker refreshes its copy."""
    digest = hashlib.sha256()
    for name in SHELL_STATIC:
        path = finders.find(name)
        if path:
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


@require_GET
@never_cache
def service_worker(request):
    """The service worker, served under /trainer/ so its scope covers the trainer pages."""
    context = {
        "version": f"{_static_version()}-{get_language()}",
        "shell": json.dumps([static(name) for name in SHELL_STATIC]),
        "today_url": reverse("outreach:trainer-today"),
        "api_today": "/api/v1/attendance/today",
    }
    response = render(
        request, "outreach/trainer/sw.js", context, content_type="text/javascript; charset=utf-8"
    )
    return response


@require_GET
def manifest(request):
    """The web app manifest: installing puts the today page on the tablet's home screen."""
    today_url = reverse("outreach:trainer-today")
    data = {
        "name": _("つなぐ 出欠"),
        "short_name": _("出欠"),
        "description": _("スマホ教室の出欠とできることチェック。電波がなくても使えます。"),
        "lang": get_language(),
        "start_url": today_url,
        "scope": today_url,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#073763",
        "icons": [
            {"src": static("img/trainer-icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {
                "src": static("img/trainer-icon.svg"),
                "sizes": "any",
                "type": "image/svg+xml",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )


@require_http_methods(["GET", "POST"])
@coordinator_required
def coordinator_attendance(request, session_id: int):
    """Every mark of one class with its history and can-do answers; and the paper sheet entry."""
    session = get_object_or_404(
        ClassSession.objects.select_related("topic", "venue", "venue__district"), pk=session_id
    )
    if request.method == "POST":
        values = {}
        for key, value in request.POST.items():
            if key.startswith("attendance-") and value:
                try:
                    values[int(key.removeprefix("attendance-"))] = value
                except ValueError:
                    continue
        count = service.record_paper_marks(session, values, by=request.user)
        messages.success(request, _("%(n)d人の出欠を記録しました。") % {"n": count})
        return redirect("outreach:trainer-class-attendance", session_id=session.pk)
    roster = roster_for([session], show_phone=True)[0]
    access_log.record(request, "attendance_history", session, people=len(roster.lines))
    walk_ins = WalkIn.objects.filter(
        registration__session=session, merged_at__isnull=True
    ).select_related("registration__resident")
    return render(
        request,
        "outreach/trainer/coordinator_attendance.html",
        {
            "session": session,
            "roster": roster,
            "walk_ins": [(w, service.merge_candidates(w)) for w in walk_ins],
            "attendance_choices": AttendanceMark.Attendance.choices,
        },
    )


@require_POST
@coordinator_required
def merge_walk_in(request, session_id: int, walk_in_id: int):
    walk_in = get_object_or_404(
        WalkIn.objects.select_related("registration__resident"),
        pk=walk_in_id,
        registration__session_id=session_id,
    )
    resident_id = request.POST.get("resident", "")
    resident = Resident.objects.filter(pk=resident_id).first() if resident_id.isdigit() else None
    if resident is None:
        messages.error(request, _("統合する住民を選んでください。"))
    else:
        try:
            service.merge_walk_in(walk_in, resident, by=request.user)
        except service.AttendanceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("%(name)sさんの記録に統合しました。") % {"name": resident.name}
            )
    return redirect("outreach:trainer-class-attendance", session_id=session_id)
