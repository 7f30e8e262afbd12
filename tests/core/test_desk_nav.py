"""The desk's one menu (core/desk_nav.py): on every desk page, the current page marked,
only the links a person's role may open."""

import datetime as dt
import re

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from core.desk_nav import DESK_LINKS, desk_links, is_desk_page
from core.roles import Role
from outreach.models import VolunteerTrainer
from tests.factories import (
    ClassSessionFactory,
    CourseFactory,
    CourseSessionFactory,
    RegistrationFactory,
    RequirementFactory,
    SkillAreaFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MENU = re.compile(r'<nav class="desk-menu[^"]*" aria-label="窓口メニュー">(.*?)</nav>', re.S)


@pytest.fixture
def rows(db):
    """One of each row a desk page of one thing needs."""
    session = ClassSessionFactory()
    registration = RegistrationFactory(session=session)
    area = SkillAreaFactory()
    course = CourseFactory(skill_area=area)
    volunteer = VolunteerTrainer.objects.create(user=UserFactory(role=Role.TRAINER))
    return {
        "session": session.pk,
        "resident": registration.resident_id,
        "course_session": CourseSessionFactory(course=course).pk,
        "course": course.pk,
        "area": area.pk,
        "requirement": RequirementFactory(course=course).pk,
        "volunteer": volunteer.pk,
    }


# Every page a coordinator opens at the desk: (URL name, its arguments from `rows`).
DESK_PAGES = [
    ("outreach:desk-home", {}),
    ("outreach:desk-class-create", {}),
    ("outreach:desk-phone", {}),
    ("outreach:desk-roster", {"pk": "session"}),
    ("outreach:desk-class-edit", {"pk": "session"}),
    ("outreach:desk-roster-print", {"pk": "session"}),
    ("outreach:desk-callbacks", {}),
    ("outreach:desk-resident", {"pk": "resident"}),
    ("outreach:desk-resident-record", {"pk": "resident"}),
    ("outreach:desk-resident-erase", {"pk": "resident"}),
    ("core:access-log", {}),
    ("outreach:desk-attendance", {}),
    ("outreach:trainer-class-attendance", {"session_id": "session"}),
    ("outreach:desk-volunteers", {}),
    ("outreach:desk-volunteer-create", {}),
    ("outreach:desk-volunteer-edit", {"pk": "volunteer"}),
    ("outreach:desk-my-classes", {}),
    ("messaging_desk:outbox", {}),
    ("messaging_desk:inbox", {}),
    ("messaging_desk:optouts", {}),
    ("messaging_desk:templates", {}),
    (
        "messaging_desk:template-edit",
        {"purpose": "=reminder", "language": "=ja", "channel": "=sms"},
    ),
    ("messaging_desk:costs", {}),
    ("messaging_desk:class", {"session_id": "session"}),
    ("metrics:dashboard", {}),
    ("metrics:targets", {}),
    ("training:desk-home", {}),
    ("training:desk-session-create", {}),
    ("training:desk-session-edit", {"pk": "course_session"}),
    ("training:desk-courses", {}),
    ("training:desk-course-create", {}),
    ("training:desk-course-edit", {"pk": "course"}),
    ("training:desk-area-create", {}),
    ("training:desk-area-edit", {"pk": "area"}),
    ("training:desk-requirements", {}),
    ("training:desk-requirement-create", {}),
    ("training:desk-requirement-edit", {"pk": "requirement"}),
    ("training:desk-progress", {}),
    ("training:desk-overdue", {}),
]
# Desk addresses that are not pages: POST-only actions, file downloads, and the
# yearly report, a document of its own for printing and PDF.
NOT_PAGES = {
    "metrics:report",
    "outreach:desk-class-cancel",
    "outreach:desk-class-publish",
    "outreach:desk-registration-cancel",
    "outreach:desk-registration-move",
    "outreach:desk-callback-confirm",
    "outreach:desk-callback-attach",
    "outreach:desk-rotate-feed",
    "messaging_desk:resend",
    "messaging_desk:inbox-handled",
    "messaging_desk:optout-remove",
    "metrics:export",
    "training:desk-session-publish",
    "training:desk-requirement-delete",
    "training:desk-requirements-copy",
    "training:desk-progress-export",
    "training:desk-overdue-export",
}


def _routes(patterns, namespace="", prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            inner = pattern.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _routes(pattern.url_patterns, full, route)
        elif pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), route


def _url(name, kwargs, rows):
    values = {k: v[1:] if v.startswith("=") else rows[v] for k, v in kwargs.items()}
    return reverse(name, kwargs=values)


def _menu(response) -> str:
    found = MENU.search(response.content.decode())
    return found.group(1) if found else ""


def test_every_desk_address_is_a_listed_page_or_not_a_page():
    """A new page under /desk/ or /training/desk/ fails here until it is listed (and so tested)."""
    desk = {
        name
        for name, route in _routes(get_resolver().url_patterns)
        if "desk/" in route or name == "outreach:trainer-class-attendance"
    }
    listed = {name for name, _kwargs in DESK_PAGES}
    assert desk - listed - NOT_PAGES == set()
    assert all(is_desk_page(name) for name in listed)


@pytest.mark.parametrize(("name", "kwargs"), DESK_PAGES, ids=[n for n, _k in DESK_PAGES])
def test_every_desk_page_shows_the_menu_with_itself_marked(
    client, coordinator_with_totp, rows, name, kwargs
):
    coordinator_with_totp.groups.add(*UserFactory(role=Role.TRAINER).groups.all())
    client.force_login(coordinator_with_totp)
    url = _url(name, kwargs, rows)
    response = client.get(url)
    assert response.status_code == 200
    menu = _menu(response)
    assert menu, f"{name} has no desk menu"
    marked = re.findall(r'<a href="([^"]+)" aria-current="(page|true)">', menu)
    assert len([m for m in marked if m[1] == "page"]) <= 1
    assert marked, f"{name}: nothing in the menu is marked as current"
    if any(link.url_name == name for link in DESK_LINKS):
        assert (url, "page") in marked


def test_a_coordinator_sees_every_part_of_the_desk(client, coordinator_with_totp):
    client.force_login(coordinator_with_totp)
    menu = _menu(client.get(reverse("outreach:desk-home")))
    for name in [
        "outreach:desk-home",
        "outreach:desk-phone",
        "outreach:desk-callbacks",
        "messaging_desk:inbox",
        "outreach:desk-attendance",
        "outreach:desk-volunteers",
        "metrics:dashboard",
        "training:desk-home",
    ]:
        assert f'href="{reverse(name)}"' in menu
    assert f'<a href="{reverse("outreach:desk-home")}" aria-current="page">' in menu
    # A trainer's own list is not a coordinator's: they reach every roster from the classes.
    assert reverse("outreach:desk-my-classes") not in menu


def test_a_figures_viewer_sees_only_the_figures(client, figures_viewer):
    client.force_login(figures_viewer)
    menu = _menu(client.get(reverse("metrics:dashboard")))
    assert re.findall(r'href="([^"]+)"', menu) == [reverse("metrics:dashboard")]
    assert 'aria-current="page"' in menu


def test_a_trainer_on_a_roster_sees_only_their_own_classes(client, trainer):
    session = ClassSessionFactory(lead_trainer=trainer)
    client.force_login(trainer)
    menu = _menu(client.get(reverse("outreach:desk-roster", args=[session.pk])))
    assert re.findall(r'href="([^"]+)"', menu) == [reverse("outreach:desk-my-classes")]
    assert 'aria-current="true"' in menu


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.COORDINATOR, {link.url_name for link in DESK_LINKS} - {"outreach:desk-my-classes"}),
        (Role.TRAINER, {"outreach:desk-my-classes"}),
        (Role.FIGURES_VIEWER, {"metrics:dashboard"}),
        (Role.EDITOR, set()),
        (Role.STAFF_LEARNER, set()),
        (Role.INSTRUCTOR, set()),
    ],
)
def test_each_role_is_offered_exactly_the_pages_it_may_open(client, role, expected):
    user = UserFactory(role=role)
    by_url = {reverse(link.url_name): link.url_name for link in DESK_LINKS}
    offered = {by_url[link["url"]] for link in desk_links(user, "outreach:desk-home")}
    assert offered == expected
    if role == Role.COORDINATOR:
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    # Each offered link opens; a link left out answers 403 (a coordinator may open
    # the trainers' own list too, but is not offered it).
    for name in by_url.values():
        status = client.get(reverse(name)).status_code
        if name in expected:
            assert status == 200, name
        elif not (role == Role.COORDINATOR and name == "outreach:desk-my-classes"):
            assert status == 403, name


def test_resident_pages_have_no_desk_menu(client, coordinator_with_totp):
    client.force_login(coordinator_with_totp)
    session = ClassSessionFactory(starts_at=timezone.now() + dt.timedelta(days=3))
    for url in [
        reverse("outreach:class-list"),
        reverse("outreach:class-detail", args=[session.pk]),
    ]:
        assert 'class="desk-menu' not in client.get(url).content.decode()


def test_the_attendance_history_lists_started_classes_newest_first(client, coordinator_with_totp):
    now = timezone.now()
    older = ClassSessionFactory(
        title="古い教室",
        starts_at=now - dt.timedelta(days=9),
        ends_at=now - dt.timedelta(days=9) + dt.timedelta(hours=2),
    )
    newer = ClassSessionFactory(
        title="新しい教室",
        starts_at=now - dt.timedelta(days=2),
        ends_at=now - dt.timedelta(days=2) + dt.timedelta(hours=2),
    )
    ClassSessionFactory(title="これからの教室")
    client.force_login(coordinator_with_totp)
    body = client.get(reverse("outreach:desk-attendance")).content.decode()
    assert "これからの教室" not in body
    assert body.index("新しい教室") < body.index("古い教室")
    for session in (newer, older):
        assert reverse("outreach:trainer-class-attendance", args=[session.pk]) in body
