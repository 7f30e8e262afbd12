"""The coordinator desk: plan classes, take phone registrations, rosters, moves, cancellations.

Trainers may open the rosters of the classes they lead or help at, with phone
numbers masked; everything else here is for coordinators.
"""

from __future__ import annotations

import copy
import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import access_log, audit
from core.params import positive_int
from core.permissions import coordinator_required, has_any_role, trainer_required
from core.roles import Role
from outreach.forms import (
    CancelClassForm,
    ClassSessionForm,
    DeskRegistrationForm,
    MoveRegistrationForm,
    validation_messages,
)
from outreach.models import CalendarFeed, ClassSession, Registration, Resident
from outreach.models.feeds import new_feed_token
from outreach.phones import format_national, mask_phone, parse_phone
from outreach.services import (
    RegistrationError,
    cancel_class,
    cancel_registration,
    move_registration,
    publish_class,
    register,
    update_class,
)

Status = ClassSession.Status


def _open_sessions():
    return (
        ClassSession.objects.published()
        .upcoming()
        .with_related()
        .with_seats_left()
        .order_by("starts_at", "id")
    )


@coordinator_required
def desk_home(request):
    """Upcoming classes with seats and waiting lists; drafts waiting to be published."""
    sessions = (
        ClassSession.objects.upcoming()
        .exclude(status=Status.CANCELLED)
        .with_related()
        .with_seats_left()
        .order_by("starts_at", "id")[:200]
    )
    return render(request, "outreach/desk/home.html", {"sessions": sessions})


@coordinator_required
def attendance_history(request):
    """Classes that have started, newest first, each linking to its attendance record."""
    sessions = (
        ClassSession.objects.filter(starts_at__lt=timezone.now(), status=Status.PUBLISHED)
        .with_related()
        .with_seats_left()
        .order_by("-starts_at", "-id")[:200]
    )
    return render(request, "outreach/desk/attendance_history.html", {"sessions": sessions})


@coordinator_required
def class_create(request):
    form = ClassSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        weeks = data.get("repeat_weeks") or 0
        created = []
        with transaction.atomic():
            template = form.save(commit=False)
            for week in range(weeks + 1):
                session = copy.copy(template)
                session.pk = None
                session._state = copy.copy(template._state)
                session._state.adding = True
                session.starts_at = data["starts_at"] + dt.timedelta(weeks=week)
                session.ends_at = data["ends_at"] + dt.timedelta(weeks=week)
                session.status = Status.DRAFT
                session.save()
                session.helpers.set(data["helpers"])
                audit.record(request.user, "outreach.create_class", session)
                created.append(session)
        if data.get("publish"):
            for session in created:
                publish_class(session, by=request.user)
        messages.success(request, _("%(count)d回分の教室を作りました。") % {"count": len(created)})
        return redirect("outreach:desk-roster", pk=created[0].pk)
    return render(request, "outreach/desk/class_form.html", {"form": form, "session": None})


@coordinator_required
def class_edit(request, pk: int):
    session = get_object_or_404(ClassSession, pk=pk)
    form = ClassSessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {
            name: data[name]
            for name in [
                "topic",
                "venue",
                "title",
                "capacity",
                "loaner_devices",
                "lead_trainer",
                "notes",
            ]
        }
        changes.update(starts_at=data["starts_at"], ends_at=data["ends_at"])
        # Reload: the ModelForm already wrote the cleaned values onto `session`.
        fresh = ClassSession.objects.get(pk=pk)
        promoted = update_class(fresh, by=request.user, **changes)
        fresh.helpers.set(data["helpers"])
        if request.POST.get("publish_now") and fresh.status == Status.DRAFT:
            publish_class(fresh, by=request.user)
        msg = _("教室を変更しました。")
        if promoted:
            msg += " " + _("キャンセル待ちから%(count)d件を繰り上げました。") % {
                "count": len(promoted)
            }
        messages.success(request, msg)
        return redirect("outreach:desk-roster", pk=pk)
    return render(request, "outreach/desk/class_form.html", {"form": form, "session": session})


def _roster_session(request, pk: int) -> tuple[ClassSession, bool]:
    """The class, and whether the viewer sees full phone numbers (coordinators only)."""
    session = get_object_or_404(ClassSession.objects.with_related().with_seats_left(), pk=pk)
    if not session.is_visible_to(request.user):
        raise PermissionDenied
    return session, has_any_role(request.user, Role.COORDINATOR)


def _roster_rows(session: ClassSession, full_phone: bool):
    rows = list(session.registrations.active().order_by("status", "requested_at", "id"))
    position = 0
    for row in rows:
        row.display_phone = format_national(row.phone) if full_phone else mask_phone(row.phone)
        if row.status == Registration.Status.WAITLISTED:
            position += 1
            row.position = position
    return rows


@trainer_required
def roster(request, pk: int):
    """One class's roster. Query count does not grow with the number of people."""
    session, full_phone = _roster_session(request, pk)
    rows = _roster_rows(session, full_phone)
    access_log.record(request, "roster", session, full_phone=full_phone, people=len(rows))
    context = {"session": session, "rows": rows, "full_phone": full_phone}
    if full_phone:
        context["cancel_form"] = CancelClassForm()
        context["move_form"] = MoveRegistrationForm(sessions=_open_sessions().exclude(pk=pk))
    return render(request, "outreach/desk/roster.html", context)


@trainer_required
def roster_print(request, pk: int):
    """A paper sign-in sheet for the trainer: names, kana, party, loaner phone, a box to tick."""
    session, full_phone = _roster_session(request, pk)
    rows = [
        r for r in _roster_rows(session, full_phone) if r.status == Registration.Status.CONFIRMED
    ]
    if full_phone:
        audit.record(request.user, "outreach.print_roster", session, people=len(rows))
    access_log.record(request, "roster_print", session, full_phone=full_phone, people=len(rows))
    blank_lines = range(max(4, session.capacity - sum(r.party_size for r in rows)))
    return render(
        request,
        "outreach/desk/roster_print.html",
        {"session": session, "rows": rows, "blank_lines": blank_lines},
    )


@trainer_required
def my_classes(request):
    """A trainer's own classes and their secret calendar feed address."""
    sessions = (
        ClassSession.objects.led_or_helped_by(request.user)
        .upcoming()
        .exclude(status=Status.DRAFT)
        .with_related()
        .with_seats_left()
    )
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(request, "outreach/desk/my_classes.html", {"sessions": sessions, "feed": feed})


@trainer_required
@require_POST
def rotate_feed(request):
    """Create the feed address, or revoke it by giving a new one."""
    feed, created = CalendarFeed.objects.get_or_create(user=request.user)
    if not created:
        feed.token = new_feed_token()
        feed.rotated_at = timezone.now()
        feed.save(update_fields=["token", "rotated_at"])
        messages.success(
            request, _("以前のアドレスは使えなくなりました。新しいアドレスを登録してください。")
        )
    return redirect("outreach:desk-my-classes")


@coordinator_required
def phone_registration(request):
    """The fast form for the phone desk: look up a returning resident, pick a class, save.

    Looking up by phone lists everyone on file with that number (two people may
    share a landline); choosing one registers that person under their own name.
    """
    sessions = _open_sessions()
    query = (request.GET.get("q") or "").strip()
    found = []
    if query:
        try:
            phone = parse_phone(query)
        except ValidationError:
            phone = None
        lookup = (
            Q(phone=phone) if phone else Q(name_kana__startswith=query) | Q(name__startswith=query)
        )
        found = list(Resident.objects.on_file().filter(lookup).select_related("district")[:10])
    initial = {"party_size": 1}
    chosen = None
    if resident_id := positive_int(request.GET.get("resident")):
        chosen = Resident.objects.on_file().filter(pk=resident_id).first()
        if chosen:
            initial.update(
                phone=format_national(chosen.phone),
                district=chosen.district_id,
                age_band=chosen.age_band,
            )
    if query or chosen:
        # The ids shown, never the number or name typed: the log holds no one's data itself.
        access_log.record(
            request, "phone_lookup", chosen, found=[resident.pk for resident in found]
        )
    if session_id := positive_int(request.GET.get("session")):
        initial["session"] = session_id
    form = DeskRegistrationForm(
        request.POST or None, initial=initial, sessions=sessions, resident=chosen
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = register(
                form.cleaned_data["session"],
                channel=Registration.Channel.DESK,
                created_by=request.user,
                **form.registration_kwargs(),
            )
        except ValidationError as exc:
            for field, msgs in validation_messages(exc).items():
                for message in msgs:
                    form.add_error(field if field in form.fields else None, message)
        except RegistrationError as exc:
            form.add_error(None, str(exc))
        else:
            if registration.status == Registration.Status.CONFIRMED:
                text = _("%(name)sさんを受け付けました（確定）。") % {"name": registration.name}
            else:
                text = _("%(name)sさんをキャンセル待ちで受け付けました。") % {
                    "name": registration.name
                }
            messages.success(request, text)
            return redirect("outreach:desk-phone")
    return render(
        request,
        "outreach/desk/phone.html",
        {"form": form, "query": query, "found": found, "chosen": chosen},
    )


@coordinator_required
@require_POST
def registration_cancel(request, pk: int):
    registration = get_object_or_404(Registration, pk=pk)
    promoted = cancel_registration(
        registration, reason=request.POST.get("reason") or "窓口で取り消し", by=request.user
    )
    msg = _("取り消しました。")
    if promoted:
        msg += " " + _("キャンセル待ちから%(count)d件を繰り上げました。") % {"count": len(promoted)}
    messages.success(request, msg)
    return redirect("outreach:desk-roster", pk=registration.session_id)


@coordinator_required
@require_POST
def registration_move(request, pk: int):
    registration = get_object_or_404(Registration, pk=pk)
    form = MoveRegistrationForm(request.POST, sessions=_open_sessions())
    if not form.is_valid():
        messages.error(request, _("移動先の教室を選んでください。"))
        return redirect("outreach:desk-roster", pk=registration.session_id)
    try:
        moved = move_registration(registration, form.cleaned_data["to_session"], by=request.user)
    except RegistrationError as exc:
        messages.error(request, str(exc))
        return redirect("outreach:desk-roster", pk=registration.session_id)
    messages.success(request, _("移動しました。"))
    return redirect("outreach:desk-roster", pk=moved.session_id)


@coordinator_required
@require_POST
def class_cancel(request, pk: int):
    session = get_object_or_404(ClassSession, pk=pk)
    form = CancelClassForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("中止の理由を入力してください。"))
        return redirect("outreach:desk-roster", pk=pk)
    cancel_class(session, reason=form.cleaned_data["reason"], by=request.user)
    messages.success(request, _("教室を中止にしました。参加者にお知らせします。"))
    return redirect("outreach:desk-roster", pk=pk)


@coordinator_required
@require_POST
def class_publish(request, pk: int):
    session = get_object_or_404(ClassSession, pk=pk)
    publish_class(session, by=request.user)
    messages.success(request, _("公開しました。"))
    return redirect("outreach:desk-roster", pk=pk)
