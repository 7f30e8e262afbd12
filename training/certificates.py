"""Completion certificates (修了証): issued once per completed enrolment, printed as A4 PDF.

A certificate is issued the first time it is downloaded: what it certifies
(name, course, completion date, hours) is copied into the Certificate row, as
on paper, and every later download prints the same serial and the same words.
Anyone can check a serial at PUBLIC_BASE_URL/training/certificates/<serial>/
(the QR code on the page points there); that page names only the holder, the
course and the date.
"""

from __future__ import annotations

from decimal import Decimal

import segno
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from weasyprint import HTML

from training.models import Certificate, Enrolment


class NotCompletedError(Exception):
    """Only a completed enrolment has a certificate."""


def issue_certificate(enrolment: Enrolment) -> Certificate:
    """The enrolment's certificate, issued now if it has none yet.

    Invariant: one certificate per enrolment, whatever the number of downloads
    at once. The enrolment row is locked while looking and issuing, so two
    first downloads in the same instant both get the one certificate.
    """
    with transaction.atomic():
        locked = (
            Enrolment.objects.select_for_update()
            .select_related("learner", "course")
            .get(pk=enrolment.pk)
        )
        existing = Certificate.objects.filter(enrolment=locked).first()
        if existing is not None:
            return existing
        if locked.status != Enrolment.Status.COMPLETED or locked.completed_at is None:
            raise NotCompletedError
        return Certificate.objects.create(
            enrolment=locked,
            # The name only: an account without one must never print (or publish on
            # the verification page) its email address instead.
            holder_name=locked.learner.display_name[:100],
            course_title=locked.course.title[:120],
            completed_on=timezone.localdate(locked.completed_at),
            hours=Decimal(str(locked.course.hours)),
        )


def verification_url(certificate: Certificate) -> str:
    # Always the Japanese (unprefixed) address: it is printed and read by phones.
    with translation.override("ja"):
        path = reverse("training:certificate-verify", args=[certificate.serial])
    return settings.PUBLIC_BASE_URL + path


def _refuse_fetch(url: str, *args, **kwargs):
    # The certificate is drawn from the HTML alone; it never loads anything by URL.
    raise ValueError(f"certificates load no external resources: {url}")


def certificate_pdf(certificate: Certificate) -> bytes:
    """One A4 page: name, course, completion date, hours, serial, and the QR code to check it."""
    url = verification_url(certificate)
    qr_svg = segno.make(url, error="m").svg_inline(scale=3, dark="#000", omitsize=False)
    with translation.override("ja"):
        html = render_to_string(
            "training/certificate.html",
            {
                "certificate": certificate,
                "verification_url": url,
                "qr_svg": qr_svg,
                "city_name": settings.CITY_NAME,
            },
        )
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
