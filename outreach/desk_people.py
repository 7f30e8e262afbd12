"""The desk's work on people: the call-back list of unconfirmed names, and correcting a resident.

Coordinators only (they sign in with TOTP): these pages show full phone numbers
and who else is on file with them.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import access_log
from core.permissions import coordinator_required
from outreach.forms import ConfirmNameForm, ResidentCorrectionForm
from outreach.models import Registration, Resident
from outreach.services import (
    RegistrationError,
    attach_registration,
    confirm_registration_name,
    correct_resident,
)

CALLBACKS_SHOWN = 200


def _awaiting_name():
    return (
        Registration.objects.awaiting_name()
        .filter(session__starts_at__gt=timezone.now())
        .select_related("session", "session__topic", "session__venue")
        .order_by("session__starts_at", "requested_at", "id")
    )


@coordinator_required
def callbacks(request):
    """Phone registrations whose name is not yet confirmed, soonest class first.

    Beside each: the residents on file with the same number, to attach it to one.
    Two queries whatever the length of the list.
    """
    rows = list(_awaiting_name()[:CALLBACKS_SHOWN])
    on_file = defaultdict(list)
    phones = {row.phone for row in rows if row.phone}
    for resident in Resident.objects.on_file().filter(phone__in=phones).order_by("name_kana"):
        on_file[resident.phone].append(resident)
    for row in rows:
        row.candidates = on_file.get(row.phone, [])
    access_log.record(request, "callbacks", registrations=[row.pk for row in rows])
    return render(
        request,
        "outreach/desk/callbacks.html",
        {"rows": rows, "form": ConfirmNameForm(), "limit": CALLBACKS_SHOWN},
    )


@coordinator_required
@require_POST
def callback_confirm(request, pk: int):
    registration = get_object_or_404(Registration.objects.awaiting_name(), pk=pk)
    form = ConfirmNameForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("お名前を入力してください。"))
        return redirect("outreach:desk-callbacks")
    try:
        confirmed = confirm_registration_name(
            registration,
            name=form.cleaned_data["name"],
            name_kana=form.cleaned_data["name_kana"],
            by=request.user,
        )
    except RegistrationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(name)sさんのお名前を確認しました。") % {"name": confirmed.name}
        )
    return redirect("outreach:desk-callbacks")


@coordinator_required
@require_POST
def callback_attach(request, pk: int):
    registration = get_object_or_404(Registration.objects.awaiting_name(), pk=pk)
    # Only a resident on file with the registration's own number may be chosen here.
    resident = (
        Resident.objects.on_file()
        .filter(pk=request.POST.get("resident") or 0, phone=registration.phone)
        .first()
        if (request.POST.get("resident") or "").isdigit() and registration.phone
        else None
    )
    if resident is None:
        messages.error(request, _("この電話番号の方から選んでください。"))
        return redirect("outreach:desk-callbacks")
    try:
        attach_registration(registration, resident, by=request.user)
    except RegistrationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(name)sさんの申込にしました。") % {"name": resident.name})
    return redirect("outreach:desk-callbacks")


@coordinator_required
def resident_edit(request, pk: int):
    """Correct a resident's own details; their registrations keep the names they were made with."""
    resident = get_object_or_404(Resident, pk=pk)
    # The form writes what was typed onto its instance: give it its own copy.
    form = ResidentCorrectionForm(request.POST or None, instance=Resident.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        changed = correct_resident(resident, by=request.user, **form.changes())
        if changed:
            messages.success(request, _("登録内容を直しました。"))
        else:
            messages.info(request, _("変更はありませんでした。"))
        return redirect(f"{reverse('outreach:desk-phone')}?resident={resident.pk}")
    registrations = resident.registrations.select_related("session", "session__topic").order_by(
        "-session__starts_at"
    )[:20]
    access_log.record(request, "resident", resident)
    return render(
        request,
        "outreach/desk/resident.html",
        {"resident": resident, "form": form, "registrations": registrations},
    )
