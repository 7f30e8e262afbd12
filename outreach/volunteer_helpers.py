"""The helpers chooser of a class, with what the volunteer-trainer register knows of each.

A helper is any active account with the Trainer role (city staff who help,
and volunteers). Volunteers in the register show the districts they reach and
their qualification beside their name, and those who reach the class's
district come first.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q, Value
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import User
from core.roles import Role
from outreach.models import District, VolunteerTrainer
from outreach.models.volunteers import reaches_district
from training.queries import completed_trainer_courses


def trainer_accounts():
    """Everyone who may lead or help at a class: active accounts with the Trainer role."""
    return User.objects.filter(groups__name=Role.TRAINER, is_active=True)


def qualification_text(volunteer: VolunteerTrainer | None, courses: list) -> str:
    """The volunteer's certification and completed trainer courses, in one line."""
    parts = []
    if volunteer is not None:
        certified = volunteer.get_kind_display()
        if volunteer.certification_number:
            certified += " " + _("認定番号%(number)s") % {"number": volunteer.certification_number}
        if volunteer.certified_on:
            certified += _("（%(date)s認定）") % {"date": f"{volunteer.certified_on:%Y-%m-%d}"}
        parts.append(certified)
    for course in courses[:1]:
        parts.append(
            _("%(course)s %(date)s修了")
            % {"course": course.course_title, "date": f"{course.completed_on:%Y-%m-%d}"}
        )
    return "・".join(parts)


class HelperChoiceField(forms.ModelMultipleChoiceField):
    """Trainer accounts as checkboxes, each labelled with districts and qualification."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, district: District | None = None, keep=(), **kwargs):
        self.district = district
        self._courses: dict | None = None
        keep_ids = [user.pk for user in keep]
        accounts = (
            trainer_accounts()
            # An inactive volunteer is offered no more, unless already helping here.
            .exclude(Q(volunteer_trainer__is_active=False) & ~Q(pk__in=keep_ids))
            .select_related("volunteer_trainer")
            .prefetch_related("volunteer_trainer__districts")
        )
        reaches = reaches_district(district) if district is not None else Value(False)
        accounts = accounts.annotate(reaches=reaches).order_by("-reaches", "display_name", "email")
        super().__init__(queryset=accounts, required=False, label=gettext_lazy("補助者"), **kwargs)

    def _trainer_courses(self) -> dict:
        if self._courses is None:
            self._courses = completed_trainer_courses(self.queryset.values_list("pk", flat=True))
        return self._courses

    def label_from_instance(self, user: User) -> str:
        volunteer = getattr(user, "volunteer_trainer", None)
        courses = self._trainer_courses().get(user.pk, [])
        parts = [str(user)]
        if getattr(user, "reaches", False):
            parts.append(_("%(district)sに行けます") % {"district": self.district.display_name})
        if volunteer is not None:
            districts = [d.display_name for d in volunteer.districts.all()]
            if districts:
                parts.append(_("地区：%(names)s") % {"names": "、".join(districts)})
        qualification = qualification_text(volunteer, courses)
        if qualification:
            parts.append(qualification)
        return " — ".join(parts)


def class_district(form) -> District | None:
    """The district of the class a ClassSessionForm plans: the saved venue's, or the one chosen."""
    venue_id = form.data.get("venue") if form.is_bound else form.initial.get("venue")
    if str(venue_id or "").isdigit():
        return District.objects.filter(venues__pk=venue_id).first()
    if form.instance.pk and form.instance.venue_id:
        return form.instance.venue.district
    return None
