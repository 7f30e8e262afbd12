"""Downloading a completion certificate, and the public page that confirms one is genuine."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from core import audit
from core.permissions import has_any_role
from core.roles import Role
from core.views import rate_limited
from training.certificates import NotCompletedError, certificate_pdf, issue_certificate
from training.models import Certificate, Enrolment


@require_GET
@login_required
def certificate_download(request, pk: int):
    """The learner's own certificate; coordinators may print anyone's (audit-logged).

    Someone else's enrolment, or one not completed, is answered 404 alike, so
    the address reveals nothing about other people's courses.
    """
    enrolment = get_object_or_404(Enrolment.objects.select_related("learner", "course"), pk=pk)
    own = enrolment.learner_id == request.user.pk
    if not own and not has_any_role(request.user, Role.COORDINATOR):
        raise Http404
    try:
        certificate = issue_certificate(enrolment)
    except NotCompletedError:
        raise Http404 from None
    if not certificate.is_valid:
        raise Http404
    if not own:
        audit.record(
            request.user,
            "training.download_certificate",
            certificate,
            learner=enrolment.learner_id,
        )
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.serial}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@ratelimit(
    key="ip",
    rate=lambda group, request: settings.REGISTRATION_RATE_LIMIT,
    method="GET",
    block=False,
)
def certificate_verify(request, serial: str):
    """Public: is this certificate genuine? Only the name, the course and the date are shown."""
    if getattr(request, "limited", False):
        return rate_limited(request)
    certificate = (
        Certificate.objects.filter(serial=serial.strip().upper())
        .only("serial", "holder_name", "course_title", "completed_on", "revoked_at")
        .first()
    )
    response = render(
        request,
        "training/certificate_verify.html",
        {"certificate": certificate, "serial": serial},
        status=200 if certificate else 404,
    )
    # It names a person: never indexed, never kept by a shared cache.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
