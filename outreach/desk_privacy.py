"""A resident's requests, answered by a coordinator: see everything held, or erase it now.

Coordinators only. The export (a JSON download, or a page to print and hand
over) and the erasure are each audit-logged; erasing asks for a reason and a
deliberate tick on a second page, and cannot be undone.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core import access_log, audit
from core.permissions import coordinator_required
from outreach.forms import EraseResidentForm
from outreach.models import Resident
from outreach.services.erasure import erase_resident
from outreach.subject_access import as_document, record_of


@coordinator_required
def resident_export(request, pk: int):
    """Everything held about the resident: ?format=json downloads it, otherwise a printable page."""
    resident = get_object_or_404(Resident, pk=pk)
    sections = record_of(resident)
    as_json = request.GET.get("format") == "json"
    fmt = "json" if as_json else "print"
    audit.record(request.user, "outreach.export_resident", resident, format=fmt)
    access_log.record(request, "resident_record", resident, format=fmt)
    if as_json:
        body = json.dumps(
            as_document(resident, sections), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        filename = f"resident-{resident.pk}-{timezone.localdate():%Y%m%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(
        request,
        "outreach/desk/resident_record.html",
        {"resident": resident, "sections": sections, "generated_at": timezone.now()},
    )


@coordinator_required
def resident_erase(request, pk: int):
    """Erase a resident's personal data now, on their request: a reason and a tick first."""
    resident = get_object_or_404(Resident, pk=pk)
    if resident.anonymised_at is not None:
        messages.info(request, _("この方の個人情報はすでに消去しています。"))
        return redirect("outreach:desk-resident", pk=resident.pk)
    form = EraseResidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        erase_resident(resident, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("個人情報を消去しました（住民番号 %(id)s）。") % {"id": resident.pk}
        )
        return redirect("outreach:desk-resident", pk=resident.pk)
    upcoming = resident.registrations.active().filter(session__starts_at__gt=timezone.now())
    return render(
        request,
        "outreach/desk/resident_erase.html",
        {"resident": resident, "form": form, "upcoming": upcoming.select_related("session")},
    )
