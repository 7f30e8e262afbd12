"""The printable yearly report: the same page as the dashboard, laid out for A4.

The HTML version prints from any browser (print CSS); the PDF is drawn by
WeasyPrint with IPA Gothic embedded, so it looks the same on the committee's
computers whatever fonts they have.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML

from metrics.dashboard import Dashboard


def report_html(request, page: Dashboard, *, for_pdf: bool = False) -> str:
    return render_to_string(
        "metrics/report.html", {"page": page, "for_pdf": for_pdf}, request=request
    )


def report_pdf(request, page: Dashboard) -> bytes:
    html = report_html(request, page, for_pdf=True)
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
