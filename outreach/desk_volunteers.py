"""The coordinator desk's register of volunteer trainers (デジタル推進委員 and others).

Coordinators see and edit it; it shows the trainer course each volunteer
completed, read from training through training.queries only.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.permissions import coordinator_required
from outreach.forms import DistrictChoiceField, districts_mountainous_first
from outreach.models import VolunteerTrainer
from outreach.services.volunteers import save_volunteer
from outreach.volunteer_helpers import trainer_accounts
from training.queries import completed_trainer_courses


class VolunteerTrainerForm(forms.ModelForm):
    class Meta:
        model = VolunteerTrainer
        fields = [
            "user",
            "kind",
            "certification_number",
            "certified_on",
            "districts",
            "weekdays",
            "weekends",
            "mornings",
            "afternoons",
            "availability_note",
            "is_active",
            "note",
        ]
        widgets = {
            "certified_on": forms.DateInput(attrs={"type": "date"}),
            "districts": forms.CheckboxSelectMultiple,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        registered = VolunteerTrainer.objects.values("user_id")
        if self.instance.pk:
            registered = registered.exclude(pk=self.instance.pk)
        self.fields["user"].queryset = (
            trainer_accounts().exclude(pk__in=registered).order_by("display_name", "email")
        )
        self.fields["user"].help_text = gettext_lazy(
            "講師の役割を持つアカウントから選びます。まだ無い人は、先にアカウントを作ってください。"
        )
        self.fields["districts"].queryset = districts_mountainous_first()
        self.fields["districts"].label_from_instance = lambda d: d.display_name


class VolunteerFilterForm(forms.Form):
    district = DistrictChoiceField(
        label=gettext_lazy("この地区に行ける人"),
        queryset=districts_mountainous_first(),
        required=False,
        empty_label=gettext_lazy("すべての地区"),
    )
    active_only = forms.BooleanField(label=gettext_lazy("活動中の人だけ"), required=False)


@coordinator_required
def volunteer_list(request):
    """The register, filtered by a district; the query count does not grow with it."""
    filters = VolunteerFilterForm(request.GET or None)
    volunteers = VolunteerTrainer.objects.select_related("user").prefetch_related("districts")
    if filters.is_valid():
        if filters.cleaned_data["district"]:
            volunteers = volunteers.reaching(filters.cleaned_data["district"])
        if filters.cleaned_data["active_only"]:
            volunteers = volunteers.active()
    volunteers = list(volunteers)
    courses = completed_trainer_courses(v.user_id for v in volunteers)
    for volunteer in volunteers:
        volunteer.trainer_courses = courses.get(volunteer.user_id, [])
    return render(
        request,
        "outreach/desk/volunteers.html",
        {"filters": filters, "volunteers": volunteers},
    )


def _volunteer_form_page(request, volunteer: VolunteerTrainer | None):
    form = VolunteerTrainerForm(request.POST or None, instance=volunteer)
    if request.method == "POST" and form.is_valid():
        saved = save_volunteer(
            form.save(commit=False), districts=form.cleaned_data["districts"], by=request.user
        )
        messages.success(request, _("%(name)sさんの登録を保存しました。") % {"name": saved})
        return redirect("outreach:desk-volunteers")
    return render(
        request,
        "outreach/desk/volunteer_form.html",
        {"form": form, "volunteer": volunteer},
        status=400 if request.method == "POST" else 200,
    )


@coordinator_required
def volunteer_create(request):
    return _volunteer_form_page(request, None)


@coordinator_required
def volunteer_edit(request, pk: int):
    return _volunteer_form_page(
        request, get_object_or_404(VolunteerTrainer.objects.select_related("user"), pk=pk)
    )
