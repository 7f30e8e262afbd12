"""Desk pages: the required courses (必修研修) of a fiscal year."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.fiscal import FiscalYear
from core.permissions import coordinator_required
from training.desk.forms import ProgressFilterForm, RequirementForm, fiscal_years_to_offer
from training.models import Requirement
from training.planning import copy_requirements, delete_requirement, save_requirement


def _year_url(name: str, fiscal_year: FiscalYear) -> str:
    return f"{reverse(name)}?year={fiscal_year.start_year}"


def _chosen_year(request) -> FiscalYear:
    return ProgressFilterForm(request.GET or None, years=fiscal_years_to_offer()).fiscal_year()


@coordinator_required
def requirement_list(request):
    """The year's requirements, due date first, and the button to copy last year's."""
    years = fiscal_years_to_offer()
    filters = ProgressFilterForm(request.GET or None, years=years)
    fiscal_year = filters.fiscal_year()
    requirements = Requirement.objects.for_fiscal_year(fiscal_year).with_related()
    previous = Requirement.objects.for_fiscal_year(fiscal_year.previous).count()
    return render(
        request,
        "training/desk/requirements.html",
        {
            "filters": filters,
            "fiscal_year": fiscal_year,
            "requirements": requirements,
            "previous_count": previous,
        },
    )


def _requirement_form_page(request, requirement: Requirement | None, fiscal_year: FiscalYear):
    form = RequirementForm(request.POST or None, instance=requirement, fiscal_year=fiscal_year)
    if request.method == "POST" and form.is_valid():
        try:
            save_requirement(form.save(commit=False), by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("必修研修を保存しました。"))
            return redirect(_year_url("training:desk-requirements", fiscal_year))
    return render(
        request,
        "training/desk/requirement_form.html",
        {"form": form, "requirement": requirement, "fiscal_year": fiscal_year},
        status=400 if request.method == "POST" else 200,
    )


@coordinator_required
def requirement_create(request):
    return _requirement_form_page(request, None, _chosen_year(request))


@coordinator_required
def requirement_edit(request, pk: int):
    requirement = get_object_or_404(Requirement, pk=pk)
    return _requirement_form_page(request, requirement, requirement.fiscal_year_obj)


@coordinator_required
@require_POST
def requirement_delete(request, pk: int):
    requirement = get_object_or_404(Requirement, pk=pk)
    fiscal_year = requirement.fiscal_year_obj
    delete_requirement(requirement, by=request.user)
    messages.success(request, _("必修研修を削除しました。"))
    return redirect(_year_url("training:desk-requirements", fiscal_year))


@coordinator_required
@require_POST
def requirements_copy(request):
    """Copy the previous year's requirements into the chosen year, a year later."""
    fiscal_year = _chosen_year(request)
    copied = copy_requirements(fiscal_year, by=request.user)
    if copied:
        messages.success(
            request,
            _("前年度から%(count)d件の必修研修を写しました。期限を確かめてください。")
            % {"count": len(copied)},
        )
    else:
        messages.info(request, _("写す必修研修はありませんでした（すでに同じものがあります）。"))
    return redirect(_year_url("training:desk-requirements", fiscal_year))
