"""The JSON API under /api/v1/ (DESIGN.md "HTTP"), one NinjaAPI with a router per area.

django-ninja: typed request and response schemas that generate the OpenAPI
document at /api/v1/openapi.json, with less machinery than DRF for an API this size.
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Tsunagu API",
    version="1",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    # No Swagger page: it loads its script from a CDN, which a city network may
    # block; the OpenAPI document is the contract.
    docs_url=None,
)

api.add_router("/attendance", "outreach.api_attendance.router")


# --- Errors are always JSON, with per-field messages where there are fields ---------
from django.http import Http404  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from ninja.errors import ValidationError as NinjaValidationError  # noqa: E402


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [
            str(part)
            for part in error.get("loc", ())
            if part not in ("body", "payload", "query", "path")
        ]
        errors.setdefault(".".join(loc) or "__all__", []).append(error.get("msg", ""))
    return api.create_response(
        request, {"detail": _("入力に直すところがあります。"), "errors": errors}, status=422
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": _("見つかりません。")}, status=404)


@api.exception_handler(Exception)
def _server_error(request, exc):
    import logging

    logging.getLogger("tsunagu.api").exception("API error", exc_info=exc)
    return api.create_response(
        request,
        {"detail": _("サーバーで問題が起きました。しばらくしてから、もう一度お試しください。")},
        status=500,
    )


api.add_router("", "outreach.api.router")
