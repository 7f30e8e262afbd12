"""The coordinators' reading of the access log: /desk/access-log/, filtered, paged, as CSV.

Reading the log is itself logged (it says who looked at what and when).
"""

from __future__ import annotations

import csv
import io

from django import forms
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import access_log
from core.models import AccessEvent, User
from core.permissions import coordinator_required

PAGE_SIZE = 50
# Rows fetched per round trip while the CSV streams: memory stays flat for a year of lines.
CSV_CHUNK = 2000
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")


class AccessLogFilterForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=gettext_lazy("職員"),
        queryset=User.objects.order_by("email"),
        required=False,
        empty_label=gettext_lazy("すべて"),
    )
    what = forms.ChoiceField(label=gettext_lazy("見たもの"), required=False)
    since = forms.DateField(
        label=gettext_lazy("この日から"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=gettext_lazy("この日まで"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what"].choices = [("", _("すべて")), *access_log.KINDS.items()]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(
                _("「この日から」は「この日まで」より前の日にしてください。")
            )
        return data


def _rows(form: AccessLogFilterForm):
    if not form.is_valid():
        return AccessEvent.objects.none()
    return AccessEvent.objects.matching(
        actor=form.cleaned_data["actor"],
        what=form.cleaned_data["what"],
        since=form.cleaned_data["since"],
        until=form.cleaned_data["until"],
    ).select_related("actor")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_lines(rows):
    """UTF-8 with a BOM (Excel on Japanese Windows needs it), one line per event."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = [
        _("日時"),
        _("職員"),
        _("見たもの"),
        _("対象"),
        _("IPアドレス"),
        _("アドレス"),
        _("詳細"),
    ]
    writer.writerow(header)
    yield "\ufeff" + buffer.getvalue()
    for event in rows.iterator(chunk_size=CSV_CHUNK):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(
            _cell(value)
            for value in (
                timezone.localtime(event.created_at).isoformat(timespec="seconds"),
                event.actor.email if event.actor else "",
                event.what,
                f"{event.object_type}#{event.object_id}" if event.object_type else "",
                event.ip,
                event.path,
                event.detail,
            )
        )
        yield buffer.getvalue()


@coordinator_required
def access_log_page(request):
    """The log, newest first. A constant number of queries whatever the number of lines."""
    form = AccessLogFilterForm(request.GET or None)
    rows = _rows(form) if request.GET else AccessEvent.objects.select_related("actor")
    if request.GET.get("format") == "csv":
        access_log.record(request, "access_log", format="csv")
        response = StreamingHttpResponse(
            (line.encode("utf-8") for line in _csv_lines(rows)),
            content_type="text/csv; charset=utf-8",
        )
        filename = f"access-log-{timezone.localdate():%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page.object_list:
        event.kind_label = access_log.KINDS.get(event.what, event.what)
    access_log.record(request, "access_log", page=page.number)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/access_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
