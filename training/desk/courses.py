"""Desk pages: the course catalogue (courses with their quizzes) and the skill areas."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.permissions import coordinator_required
from training.desk.forms import CourseForm, SkillAreaForm, quiz_drafts, quiz_formset
from training.models import Course, SkillArea
from training.planning import save_course, save_skill_area


@coordinator_required
def course_list(request):
    """Every course by skill area, with its number of quiz questions and sessions planned."""
    courses = Course.objects.select_related("skill_area").prefetch_related("questions")
    areas = SkillArea.objects.all()
    return render(request, "training/desk/course_list.html", {"courses": courses, "areas": areas})


def _course_form_page(request, course: Course | None):
    form = CourseForm(request.POST or None, instance=course)
    formset = quiz_formset(course, request.POST or None)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            saved = save_course(
                form.save(commit=False),
                prerequisites=form.cleaned_data["prerequisites"],
                questions=quiz_drafts(formset),
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("研修「%(title)s」を保存しました。") % {"title": saved})
            return redirect("training:desk-courses")
    return render(
        request,
        "training/desk/course_form.html",
        {"form": form, "formset": formset, "course": course},
        status=400 if request.method == "POST" else 200,
    )


@coordinator_required
def course_create(request):
    return _course_form_page(request, None)


@coordinator_required
def course_edit(request, pk: int):
    return _course_form_page(request, get_object_or_404(Course, pk=pk))


def _area_form_page(request, area: SkillArea | None):
    form = SkillAreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        saved = save_skill_area(form.save(commit=False), by=request.user)
        messages.success(request, _("分野「%(name)s」を保存しました。") % {"name": saved})
        return redirect("training:desk-courses")
    return render(
        request,
        "training/desk/area_form.html",
        {"form": form, "area": area},
        status=400 if request.method == "POST" else 200,
    )


@coordinator_required
def area_create(request):
    return _area_form_page(request, None)


@coordinator_required
def area_edit(request, pk: int):
    return _area_form_page(request, get_object_or_404(SkillArea, pk=pk))
