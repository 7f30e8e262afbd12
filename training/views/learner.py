"""The staff learner's pages: my learning, the catalogue, a course, an enrolment, the quiz.

Thin views: what a page shows comes from training.learning, every change from
training.services. A learner reaches only their own enrolments (another's id
answers 404). Everything works without JavaScript: each action is one POST.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.permissions import staff_learner_required
from training import learning, services
from training.forms import CatalogueFilterForm, QuizForm
from training.models import Course, CourseSession, Enrolment, LearnerCalendarFeed


def _mine(request, pk: int) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.select_related("course", "course__skill_area", "session"),
        pk=pk,
        learner=request.user,
    )


@require_GET
@staff_learner_required
def my_learning(request):
    """The landing page: what is required of me, my sessions, waiting places, and what I completed."""
    return render(
        request,
        "training/my_learning.html",
        {
            "mine": learning.my_learning(request.user),
            "feed": LearnerCalendarFeed.objects.filter(user=request.user).first(),
        },
    )


@require_GET
@staff_learner_required
def catalogue(request):
    form = CatalogueFilterForm(request.GET or None)
    listings = learning.catalogue(**form.filters())
    return render(
        request,
        "training/catalogue.html",
        {"form": form, "listings": listings},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _course_page(request, course: Course, *, error: str = "", status: int = 200):
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "prerequisites": learning.prerequisites_of(course, request.user),
            "sessions": learning.open_sessions(course) if not course.is_self_study else [],
            "mine": learning.open_enrolment(request.user, course),
            "error": error,
        },
        status=status,
    )


@require_GET
@staff_learner_required
def course_detail(request, pk: int):
    course = get_object_or_404(Course.objects.select_related("skill_area"), pk=pk)
    return _course_page(request, course)


def _enrolled(request, enrolment: Enrolment):
    if enrolment.status == Enrolment.Status.WAITLISTED:
        messages.success(
            request,
            _("満席のため、キャンセル待ち（%(n)d番目）で受け付けました。")
            % {"n": enrolment.waitlist_position},
        )
    else:
        messages.success(request, _("受講申込を受け付けました。"))
    return redirect("training:enrolment", pk=enrolment.pk)


@require_POST
@staff_learner_required
def enrol_in_session(request, pk: int):
    """Enrol in one step; a refusal shows the course page again with the reason (400)."""
    session = get_object_or_404(
        CourseSession.objects.exclude(status=CourseSession.Status.DRAFT).select_related(
            "course", "course__skill_area"
        ),
        pk=pk,
    )
    try:
        enrolment = services.enrol(request.user, session, by=request.user)
    except services.EnrolmentError as exc:
        return _course_page(request, session.course, error=str(exc), status=400)
    return _enrolled(request, enrolment)


@require_POST
@staff_learner_required
def start_self_study(request, pk: int):
    course = get_object_or_404(Course.objects.select_related("skill_area"), pk=pk)
    try:
        enrolment = services.enrol_self_study(request.user, course, by=request.user)
    except services.EnrolmentError as exc:
        return _course_page(request, course, error=str(exc), status=400)
    return _enrolled(request, enrolment)


@require_GET
@staff_learner_required
def enrolment_detail(request, pk: int):
    """The result of enrolling, and the self-study material, declaration and last quiz score."""
    enrolment = _mine(request, pk)
    return render(
        request,
        "training/enrolment.html",
        {
            "enrolment": enrolment,
            "course": enrolment.course,
            "session": enrolment.session,
            "position": services.waitlist_position(enrolment),
            "quiz_open": services.quiz_open(enrolment),
            "can_cancel": services.learner_may_cancel(enrolment),
        },
    )


@require_POST
@staff_learner_required
def enrolment_cancel(request, pk: int):
    enrolment = _mine(request, pk)
    try:
        services.cancel_enrolment(enrolment, by=request.user)
    except services.EnrolmentError as exc:
        messages.error(request, str(exc))
        return redirect("training:enrolment", pk=pk)
    messages.success(
        request,
        _("「%(title)s」の申込を取り消しました。") % {"title": enrolment.course.display_title},
    )
    return redirect("training:my-learning")


@require_POST
@staff_learner_required
def declare(request, pk: int):
    enrolment = _mine(request, pk)
    try:
        services.declare_self_study(enrolment, by=request.user)
    except services.EnrolmentError as exc:
        messages.error(request, str(exc))
        return redirect("training:enrolment", pk=pk)
    return redirect("training:enrolment-quiz", pk=pk)


@require_http_methods(["GET", "POST"])
@staff_learner_required
def quiz(request, pk: int):
    """The short quiz: radio buttons, graded on the server, the score shown on the enrolment page."""
    enrolment = _mine(request, pk)
    if not services.quiz_open(enrolment):
        messages.error(request, _("確認テストは、いまは受けられません。"))
        return redirect("training:enrolment", pk=pk)
    questions = list(enrolment.course.questions.prefetch_related("choices"))
    form = QuizForm(questions, request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            result = services.submit_quiz(enrolment, form.answers(), by=request.user)
        except services.EnrolmentError as exc:
            error = str(exc)
        else:
            values = {"score": result.score, "pass_mark": enrolment.course.pass_mark}
            if result.passed:
                messages.success(request, _("%(score)d点で合格です。研修を修了しました。") % values)
            else:
                messages.error(
                    request,
                    _("%(score)d点でした。合格点は%(pass_mark)d点です。もう一度受けられます。")
                    % values,
                )
            return redirect("training:enrolment", pk=pk)
    return render(
        request,
        "training/quiz.html",
        {"enrolment": enrolment, "course": enrolment.course, "form": form, "error": error},
        status=400 if form.errors or error else 200,
    )
