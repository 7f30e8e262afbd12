from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.roles import Role

# Where each role starts after signing in; apps point their role here to their own page.
ROLE_LANDING = {
    Role.COORDINATOR: "outreach:desk-home",
    Role.EDITOR: "wagtailadmin_home",
    Role.TRAINER: "outreach:trainer-today",
    Role.STAFF_LEARNER: "training:my-learning",
    Role.INSTRUCTOR: "training:instructor-home",
    Role.FIGURES_VIEWER: "metrics:dashboard",
}


@require_GET
def favicon(request):
    """/favicon.ico, which browsers and bookmark tools ask for whatever a page links.

    A redirect to the static icon (its hashed name in production), not a 404 in every log.
    """
    response = redirect(static("img/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
@never_cache
def healthz(request):
    """For monitoring: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure is a failed health check
        return JsonResponse(
            {"status": "error", "database": str(exc.__class__.__name__)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def after_login(request):
    for role, url_name in ROLE_LANDING.items():
        if request.user.has_role(role):
            return redirect(url_name)
    return redirect("core:account")


@login_required
def account(request):
    roles = [role.label for role in Role if request.user.has_role(role)]
    return render(request, "core/account.html", {"roles": roles})


def rate_limited(request, exception=None):
    """django-ratelimit's answer: a polite page, or JSON for the API."""
    message = _("短い時間に何度も送信されました。少し待ってから、もう一度お試しください。")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429)
    return render(request, "429.html", {"message": message}, status=429)


def bad_request(request, exception=None):
    """Django's answer to a request it cannot read; a body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 413.

    Without this, a too large form or API body got a bare 400 page (or a 500 from
    the API, which reads the body itself), and the person was not told why.
    """
    if isinstance(exception, RequestDataTooBig):
        return request_too_large(request)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("送られた内容を読めませんでした。")}, status=400)
    return render(request, "400.html", status=400)


def request_too_large(request):
    message = _(
        "送られた内容が大きすぎるため、受け付けられませんでした。"
        "文章を短くするか、添付するファイルを小さくして、もう一度お試しください。"
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return render(request, "413.html", {"message": message}, status=413)


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: it may be what failed.
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render({}))
