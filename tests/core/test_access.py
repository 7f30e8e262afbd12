"""Who may reach what: every URL of Tsunagu's own apps against every role, each cell asserted.

test_every_url_is_in_the_table fails when a new URL is added without a row here.
"""

import pytest
from django.contrib.staticfiles import finders
from django.urls import get_resolver, include, path

from core.roles import Role
from tests.factories import UserFactory

# A resident has no account: the public site is what "anonymous" reaches.
ANON = "anonymous"
ROLES = [
    ANON,
    Role.TRAINER,
    Role.STAFF_LEARNER,
    Role.EDITOR,
    Role.INSTRUCTOR,
    Role.FIGURES_VIEWER,
    Role.COORDINATOR,
]

OK, REDIRECT, LOGIN, DENIED = "ok", "redirect", "login", "denied"
EVERYONE_OK = dict.fromkeys(ROLES, OK)
SIGNED_IN = {ANON: LOGIN} | dict.fromkeys(ROLES[1:], OK)


def only(*roles) -> dict[str, str]:
    """Signed out: to the sign-in page; signed in: these roles open it, the others get 403."""
    return {ANON: LOGIN} | {role: OK if role in roles else DENIED for role in ROLES[1:]}


ADMIN_ONLY = only(Role.EDITOR, Role.COORDINATOR)
TRAINER_PAGES = only(Role.TRAINER, Role.COORDINATOR)
COORDINATOR_ONLY = only(Role.COORDINATOR)
LEARNER_PAGES = only(Role.STAFF_LEARNER, Role.COORDINATOR)
INSTRUCTOR_PAGES = only(Role.INSTRUCTOR, Role.COORDINATOR)
FIGURES_PAGES = only(Role.FIGURES_VIEWER, Role.COORDINATOR)

# (url name, path, expected outcome per role)
ACCESS_TABLE = [
    ("healthz", "/healthz", EVERYONE_OK),
    ("core:account", "/account/", SIGNED_IN),
    ("core:after-login", "/me/", {ANON: LOGIN} | dict.fromkeys(ROLES[1:], REDIRECT)),
    ("api-v1:openapi-json", "/api/v1/openapi.json", EVERYONE_OK),
    ("api-v1:api-root", "/api/v1/", None),  # ninja's root: 404 by design, nothing to protect
    # Only ever sends people on to allauth's sign-in (see the TOTP test below).
    ("admin-login-redirect", "/admin/login/", {ANON: LOGIN} | dict.fromkeys(ROLES[1:], DENIED)),
    ("wagtailadmin_home", "/admin/", ADMIN_ONLY),
    ("wagtailadmin_explore_root", "/admin/pages/", ADMIN_ONLY),
    ("cms:home", "/", EVERYONE_OK),
    ("cms:home-en", "/en/", EVERYONE_OK),
    ("cms:accessibility", "/accessibility/", EVERYONE_OK),
    ("cms:privacy", "/en/privacy/", EVERYONE_OK),
    # Attendance. Pages of one class, the merge POST and the API's 401/403 answers
    # are asserted per role in tests/outreach/test_attendance*.py.
    ("outreach:trainer-today", "/trainer/", TRAINER_PAGES),
    ("outreach:trainer-sw", "/trainer/sw.js", EVERYONE_OK),
    ("outreach:trainer-manifest", "/trainer/manifest.webmanifest", EVERYONE_OK),
    ("outreach:trainer-class", "/trainer/classes/1/", None),
    ("outreach:trainer-class-attendance", "/trainer/classes/1/attendance/", None),
    ("outreach:trainer-walk-in-merge", "/trainer/classes/1/walk-ins/1/merge/", None),
    ("api-v1:attendance-today", "/api/v1/attendance/today", None),
    ("api-v1:attendance-sync", "/api/v1/attendance/sync", None),
    # Twilio's webhooks: POST only, signature-checked (tests/messaging/test_webhooks.py).
    *(
        (f"messaging:{name}", None, None)
        for name in [
            "twilio-status",
            "twilio-sms",
            "twilio-voice",
            "twilio-voice-menu",
            "twilio-voice-district",
            "twilio-voice-class",
            "twilio-voice-register",
            "twilio-voice-mine",
            "twilio-voice-cancel",
            "twilio-voice-recorded",
            "twilio-voice-answer",
        ]
    ),
    ("messaging_desk:outbox", "/desk/messages/", COORDINATOR_ONLY),
    ("messaging_desk:inbox", "/desk/messages/inbox/", COORDINATOR_ONLY),
    ("messaging_desk:optouts", "/desk/messages/opt-outs/", COORDINATOR_ONLY),
    ("messaging_desk:templates", "/desk/messages/texts/", COORDINATOR_ONLY),
    ("messaging_desk:costs", "/desk/messages/costs/", COORDINATOR_ONLY),
    ("messaging_desk:template-edit", "/desk/messages/texts/reminder/ja/sms/", COORDINATOR_ONLY),
    # POST only, or need a row: covered in tests/messaging/test_desk.py.
    ("messaging_desk:resend", None, None),
    ("messaging_desk:inbox-handled", None, None),
    ("messaging_desk:optout-remove", None, None),
    ("messaging_desk:class", None, None),
    # Smartphone classes. Pages of one class or registration, POST-only actions
    # and the API's writes are asserted per role in tests/outreach/test_desk.py,
    # test_resident_pages.py, test_calendar.py and test_api.py.
    ("outreach:class-list", "/classes/", EVERYONE_OK),
    ("outreach:class-detail", "/classes/1/", None),
    ("outreach:class-register", "/classes/1/register/", None),
    ("outreach:class-calendar", "/classes/1/calendar.ics", None),
    ("outreach:registration-manage", "/r/token/", None),
    ("outreach:registration-cancel", "/r/token/cancel/", None),
    ("outreach:trainer-feed", "/calendar/token.ics", None),
    ("outreach:desk-home", "/desk/", COORDINATOR_ONLY),
    ("outreach:desk-phone", "/desk/phone/", COORDINATOR_ONLY),
    ("outreach:desk-class-create", "/desk/classes/new/", COORDINATOR_ONLY),
    ("outreach:desk-roster", "/desk/classes/1/", None),
    ("outreach:desk-class-edit", "/desk/classes/1/edit/", None),
    ("outreach:desk-roster-print", "/desk/classes/1/print/", None),
    ("outreach:desk-class-cancel", "/desk/classes/1/cancel/", None),
    ("outreach:desk-class-publish", "/desk/classes/1/publish/", None),
    ("outreach:desk-registration-cancel", "/desk/registrations/1/cancel/", None),
    ("outreach:desk-registration-move", "/desk/registrations/1/move/", None),
    ("outreach:desk-callbacks", "/desk/callbacks/", COORDINATOR_ONLY),
    ("outreach:desk-attendance", "/desk/attendance/", COORDINATOR_ONLY),
    # One registration or resident, or POST only: tests/outreach/test_desk_people.py.
    ("outreach:desk-callback-confirm", "/desk/callbacks/1/confirm/", None),
    ("outreach:desk-callback-attach", "/desk/callbacks/1/attach/", None),
    ("outreach:desk-resident", "/desk/residents/1/", None),
    # One resident: per role in tests/outreach/test_resident_requests.py.
    ("outreach:desk-resident-record", "/desk/residents/1/record/", None),
    ("outreach:desk-resident-erase", "/desk/residents/1/erase/", None),
    ("core:access-log", "/desk/access-log/", COORDINATOR_ONLY),
    ("outreach:desk-my-classes", "/desk/mine/", TRAINER_PAGES),
    ("outreach:desk-rotate-feed", "/desk/mine/feed/", None),
    # Volunteer trainers' register (coordinators); the edit page in tests/outreach/test_volunteers.py.
    ("outreach:desk-volunteers", "/desk/volunteers/", COORDINATOR_ONLY),
    ("outreach:desk-volunteer-create", "/desk/volunteers/new/", COORDINATOR_ONLY),
    ("outreach:desk-volunteer-edit", "/desk/volunteers/1/edit/", None),
    # Staff courses: the coordinators' desk. Pages of one row and POST-only actions are
    # asserted per role in tests/training/test_desk_access.py; certificates in
    # tests/training/test_certificates.py.
    ("training:desk-home", "/training/desk/", COORDINATOR_ONLY),
    ("training:desk-session-create", "/training/desk/sessions/new/", COORDINATOR_ONLY),
    ("training:desk-session-edit", "/training/desk/sessions/1/edit/", None),
    ("training:desk-session-publish", "/training/desk/sessions/1/publish/", None),
    ("training:desk-courses", "/training/desk/courses/", COORDINATOR_ONLY),
    ("training:desk-course-create", "/training/desk/courses/new/", COORDINATOR_ONLY),
    ("training:desk-course-edit", "/training/desk/courses/1/edit/", None),
    ("training:desk-area-create", "/training/desk/areas/new/", COORDINATOR_ONLY),
    ("training:desk-area-edit", "/training/desk/areas/1/edit/", None),
    ("training:desk-requirements", "/training/desk/requirements/", COORDINATOR_ONLY),
    ("training:desk-requirement-create", "/training/desk/requirements/new/", COORDINATOR_ONLY),
    ("training:desk-requirement-edit", "/training/desk/requirements/1/edit/", None),
    ("training:desk-requirement-delete", "/training/desk/requirements/1/delete/", None),
    ("training:desk-requirements-copy", "/training/desk/requirements/copy/", None),
    ("training:desk-progress", "/training/desk/progress/", COORDINATOR_ONLY),
    ("training:desk-progress-export", "/training/desk/progress/export.csv", COORDINATOR_ONLY),
    ("training:desk-overdue", "/training/desk/progress/overdue/", COORDINATOR_ONLY),
    (
        "training:desk-overdue-export",
        "/training/desk/progress/overdue/export.xlsx",
        COORDINATOR_ONLY,
    ),
    ("training:certificate-download", "/training/my/certificates/1.pdf", None),
    ("training:certificate-verify", "/training/certificates/ABCDE-23456/", None),
    ("api-v1:list_classes", "/api/v1/classes", EVERYONE_OK),
    ("api-v1:get_class", "/api/v1/classes/1", None),
    ("api-v1:create_registration", "/api/v1/classes/1/registrations", None),
    ("api-v1:delete_registration", "/api/v1/registrations/token", None),
    # Staff courses, learner and instructor side. Pages of one course, session or
    # enrolment, POST-only actions and the instructor role are asserted in
    # tests/training/test_learner_pages.py, test_instructor_pages.py and test_calendar.py.
    ("training:my-learning", "/training/", LEARNER_PAGES),
    ("training:catalogue", "/training/courses/", LEARNER_PAGES),
    ("training:course", "/training/courses/1/", None),
    ("training:self-study-start", None, None),
    ("training:enrol", None, None),
    ("training:enrolment", "/training/enrolments/1/", None),
    ("training:enrolment-cancel", None, None),
    ("training:enrolment-declare", None, None),
    ("training:enrolment-quiz", None, None),
    ("training:session-calendar", None, None),
    ("training:learner-feed", "/training/calendar/token.ics", None),
    ("training:learner-feed-rotate", None, None),
    ("training:instructor-home", "/training/instructor/", INSTRUCTOR_PAGES),
    ("training:instructor-roster", None, None),
    ("training:instructor-mark", None, None),
    ("training:instructor-session-cancel", None, None),
    # The yearly figures (tests/metrics/ asserts their content per role).
    ("metrics:dashboard", "/desk/figures/", FIGURES_PAGES),
    ("metrics:targets", "/desk/figures/targets/", COORDINATOR_ONLY),
    ("metrics:report", "/desk/figures/report/", FIGURES_PAGES),
    ("metrics:export", "/desk/figures/export/all.xlsx", FIGURES_PAGES),
    # Open data: public by design, the same for everyone.
    ("opendata:events", "/opendata/events.csv", EVERYONE_OK),
    ("opendata:figures", "/opendata/figures.csv", EVERYONE_OK),
]

# URL namespaces that are Tsunagu's own; every named URL in them needs a row.
OWN_NAMESPACES = {
    "core",
    "outreach",
    "messaging",
    "messaging_desk",
    "training",
    "api-v1",
    "metrics",
    "opendata",
}
OWN_TOP_LEVEL = {"healthz", "admin-login-redirect"}


def _named_urls(patterns, namespace=""):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            inner = pattern.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _named_urls(pattern.url_patterns, full)
        elif pattern.name:
            yield namespace, pattern.name


def urls_without_a_rule(patterns) -> set[str]:
    """Named URLs of Tsunagu's own apps that ACCESS_TABLE does not list."""
    own = {
        f"{namespace}:{name}" if namespace else name
        for namespace, name in _named_urls(patterns)
        if namespace in OWN_NAMESPACES or (not namespace and name in OWN_TOP_LEVEL)
    }
    return own - {name for name, _path, _expected in ACCESS_TABLE}


def test_every_url_is_in_the_table():
    assert urls_without_a_rule(get_resolver().url_patterns) == set(), (
        "add these URLs to ACCESS_TABLE"
    )


def test_a_new_url_without_a_rule_is_caught():
    def view(request):
        raise AssertionError("never called")

    fake = path("desk/fake/", include(([path("new/", view, name="desk-new")], "outreach")))
    patterns = [*get_resolver().url_patterns, fake]
    assert urls_without_a_rule(patterns) == {"outreach:desk-new"}


def outcome(response, signed_in: bool) -> str:
    if response.status_code == 403:
        return DENIED
    if response.status_code in (301, 302):
        to_login = "/accounts/login/" in response["Location"]
        if to_login:
            return DENIED if signed_in else LOGIN
        return REDIRECT
    if 200 <= response.status_code < 300:
        return OK
    return f"status {response.status_code}"


@pytest.fixture
def client_for(client, db):
    def make(role):
        client.logout()
        if role == ANON:
            return client
        user = UserFactory(role=role)
        if role == Role.COORDINATOR:
            from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

            TOTP.activate(user, generate_totp_secret())
        client.force_login(user)
        return client

    return make


@pytest.mark.parametrize("role", ROLES, ids=str)
@pytest.mark.parametrize(
    ("name", "path", "expected"), [row for row in ACCESS_TABLE if row[2]], ids=lambda v: str(v)
)
def test_role_reaches_url_as_the_table_says(
    client_for, module_site_pages, role, name, path, expected
):
    client = client_for(role)
    response = client.get(path)
    assert outcome(response, signed_in=role != ANON) == expected[role]


def test_wagtail_password_sign_in_cannot_skip_totp(client, coordinator_with_totp):
    """A POST to Wagtail's old sign-in address signs nobody in: it only redirects."""
    from tests.factories import TEST_PASSWORD

    response = client.post(
        "/admin/login/", {"username": coordinator_with_totp.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_coordinator_without_totp_is_sent_to_set_it_up(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_nobody_can_sign_up_alone(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "someone@example.jp",
            "password1": "x-Long-pass-123",
            "password2": "x-Long-pass-123",
        },
    )
    from core.models import User

    assert not User.objects.filter(email="someone@example.jp").exists()
    assert response.status_code == 200


def test_favicon_ico_leads_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].startswith("/static/img/favicon")
    assert response["Location"].endswith(".ico")
    assert finders.find("img/favicon.ico") is not None


def test_every_page_links_the_svg_icon_and_its_png_fallback(client, db):
    body = client.get("/classes/").content.decode()
    assert 'rel="icon" href="/static/img/favicon' in body
    assert 'type="image/svg+xml"' in body and 'type="image/png"' in body
    for name in ("favicon.svg", "favicon.png", "apple-touch-icon.png"):
        assert finders.find(f"img/{name}") is not None
