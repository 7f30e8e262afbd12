"""The JSON API under /api/v1/ (DESIGN.md "HTTP"), one NinjaAPI with a router per area.

django-ninja: typed request and response schemas that generate the OpenAPI
document at /api/v1/openapi.json, with less machinery than DRF for an API this size.
Every answer is JSON, errors included: {"detail": "...", "errors": {field: [...]}}.
"""

import json
import logging

from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from core.api_schema import field_message
from core.views import request_too_large

logger = logging.getLogger("tsunagu.api")


class JSONBodyParser(Parser):
    """Request bodies are JSON, declared as such; anything else is refused (400), not guessed."""

    def parse_body(self, request):
        if request.content_type != "application/json":
            raise ValueError(f"not JSON: {request.content_type!r}")
        return json.loads(request.body)


api = NinjaAPI(
    title="Tsunagu API",
    version="1",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    # No Swagger page: it loads its script from a CDN, which a city network may
    # block; the OpenAPI document is the contract.
    docs_url=None,
    parser=JSONBodyParser(),
)

api.add_router("/attendance", "outreach.api_attendance.router")


# --- Errors are always JSON, with per-field messages where there are fields ---------
@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [
            str(part)
            for part in error.get("loc", ())
            if part not in ("body", "payload", "query", "path", "filters")
        ]
        errors.setdefault(".".join(loc) or "__all__", []).append(field_message(error))
    return api.create_response(
        request, {"detail": _("入力に直すところがあります。"), "errors": errors}, status=422
    )


@api.exception_handler(HttpError)
def _http_error(request, exc):
    # ninja's own 400 and 401 carry English texts ("Cannot parse request body").
    detail = {
        400: _(
            "送られた本文を読めませんでした。Content-Type: application/json で、"
            "JSONのオブジェクトを送ってください。"
        ),
        401: _("ログインしてください。"),
    }.get(exc.status_code, str(exc))
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def _too_large(request, exc):
    # Raised when the body is read; the catch-all below would make it a 500.
    return request_too_large(request)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": _("見つかりません。")}, status=404)


@api.exception_handler(Exception)
def _server_error(request, exc):
    logger.exception("API error", exc_info=exc)
    return api.create_response(
        request,
        {"detail": _("サーバーで問題が起きました。しばらくしてから、もう一度お試しください。")},
        status=500,
    )


api.add_router("", "outreach.api.router")
