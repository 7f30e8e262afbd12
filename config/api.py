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
