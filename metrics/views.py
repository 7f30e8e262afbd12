"""The figures pages for coordinators and figures viewers: aggregates only, never a person."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import access_log
from core.fiscal import FiscalYear
from core.permissions import coordinator_required, figures_required, has_any_role
from core.roles import Role
from metrics import dashboard as dashboards
from metrics import exports, report, services
from metrics.cuts import Dimensions
from metrics.forms import FiguresFilterForm, TargetsForm
from metrics.refresh import last_refresh
from metrics.tasks import is_stale, request_refresh

EXPORT_FORMATS = {"csv", "xlsx"}


def _filters_or_error(request):
    """The valid filter form, or a rendered page explaining what was not found (404)."""
    form = FiguresFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return form, render(
            request,
            "metrics/dashboard.html",
            {
                "form": form,
                "page": None,
                "may_set_targets": has_any_role(request.user, Role.COORDINATOR),
            },
            status=404,
        )
    if not request.GET:
        form = FiguresFilterForm({})
        form.is_valid()
    return form, None


def _page(form: FiguresFilterForm, refresh=None):
    return dashboards.build(
        form.filters(),
        district=form.chosen_district(),
        topic=form.chosen_topic(),
        dims=Dimensions.load(form.districts.values(), form.topics.values()),
        refresh=refresh,
    )


@figures_required
def dashboard(request):
    """The year's measures against their targets, and every cut as a chart with its table."""
    state = last_refresh()
    if is_stale(state):
        request_refresh()
        state = last_refresh()
    form, error = _filters_or_error(request)
    if error:
        return error
    page = _page(form, refresh=state)
    return render(
        request,
        "metrics/dashboard.html",
        {
            "form": form,
            "page": page,
            "query_string": urlencode(form.query()),
            "may_set_targets": has_any_role(request.user, Role.COORDINATOR),
        },
    )


@figures_required
def export(request, key: str, file_format: str):
    """One table (or "all" of them, as a workbook) as CSV or Excel; written to the audit log."""
    if file_format not in EXPORT_FORMATS or (key == "all" and file_format != "xlsx"):
        raise Http404
    form, error = _filters_or_error(request)
    if error:
        return error
    page = _page(form)
    tables = page.all_tables() if key == "all" else [page.table(key)]
    if tables == [None]:
        raise Http404
    services.record_export(
        request.user,
        key,
        file_format=file_format,
        fiscal_year=page.year,
        district=form.cleaned_data.get("district"),
        topic=form.cleaned_data.get("topic"),
    )
    access_log.record(request, "export", table=f"figures:{key}", format=file_format)
    filename = f"tsunagu-figures-FY{page.year.start_year}-{key}.{file_format}"
    if file_format == "csv":
        return exports.csv_response(tables[0].as_lists(), filename)
    heading = f"{page.year.label} {page.scope}"
    content = exports.workbook(tables, heading=heading, scope=page.scope)
    return exports.xlsx_response(content, filename)


@figures_required
def report_page(request):
    """The yearly report for printing (A4), or as a PDF with ?format=pdf."""
    form, error = _filters_or_error(request)
    if error:
        return error
    page = _page(form)
    if request.GET.get("format") == "pdf":
        services.record_export(
            request.user,
            "report",
            file_format="pdf",
            fiscal_year=page.year,
            district=form.cleaned_data.get("district"),
            topic=form.cleaned_data.get("topic"),
        )
        response = HttpResponse(report.report_pdf(request, page), content_type="application/pdf")
        filename = f"tsunagu-report-FY{page.year.start_year}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return HttpResponse(report.report_html(request, page))


@coordinator_required
@require_http_methods(["GET", "POST"])
def targets(request):
    """Coordinators set the year's target for each measure (施策目標値)."""
    try:
        year = FiscalYear(int(request.GET.get("year", FiscalYear.current().start_year)))
    except ValueError:
        year = None
    if year is None or not 2000 <= year.start_year <= 2100:
        return render(
            request,
            "metrics/targets.html",
            {"form": None, "year": None, "error": _("年度は西暦の4けたで指定してください。")},
            status=404,
        )
    current = services.targets_for(year)
    form = TargetsForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        changed = services.set_targets(year, form.values(), by=request.user)
        messages.success(
            request,
            _("%(year)sの目標値を保存しました（変更 %(count)d 件）。")
            % {"year": year.label, "count": changed},
        )
        return redirect(f"{request.path}?year={year.start_year}")
    return render(
        request,
        "metrics/targets.html",
        {"form": form, "year": year, "years": [year.previous, year, year.next]},
        status=400 if form.errors else 200,
    )
