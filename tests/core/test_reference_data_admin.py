"""Reference data and staff accounts in the Wagtail admin: who reaches which screen,
who may give which role, and what happens to a row still in use."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import User
from core.roles import Role
from messaging.models import DeskHours
from outreach.models import District, Venue
from tests.conftest import ensure_migration_data
from tests.factories import (
    CanDoStatementFactory,
    ClassSessionFactory,
    DepartmentFactory,
    DistrictFactory,
    TopicFactory,
    UserFactory,
    VenueFactory,
)

ANON, SUPERUSER = "anonymous", "superuser"
PEOPLE = [
    ANON,
    Role.TRAINER,
    Role.STAFF_LEARNER,
    Role.INSTRUCTOR,
    Role.FIGURES_VIEWER,
    Role.EDITOR,
    Role.COORDINATOR,
    SUPERUSER,
]
OK, TO_SIGN_IN, TO_ADMIN_HOME = "200", "302 to sign-in", "302 to the admin home"
# Signed out, or signed in without admin access: Wagtail sends people to sign in.
# Editors reach the admin but not these screens: Wagtail sends them to its home page.
EXPECTED = {
    ANON: TO_SIGN_IN,
    Role.TRAINER: TO_SIGN_IN,
    Role.STAFF_LEARNER: TO_SIGN_IN,
    Role.INSTRUCTOR: TO_SIGN_IN,
    Role.FIGURES_VIEWER: TO_SIGN_IN,
    Role.EDITOR: TO_ADMIN_HOME,
    Role.COORDINATOR: OK,
    SUPERUSER: OK,
}
SCREENS = [
    "districts",
    "venues",
    "topics",
    "can_do_statements",
    "departments",
    "desk_hours",
    "wagtailusers_users",
]


@pytest.fixture
def reference_rows(db):
    ensure_migration_data()
    district = DistrictFactory()
    venue = VenueFactory(district=district)
    topic = TopicFactory()
    return {
        "districts": district,
        "venues": venue,
        "topics": topic,
        "can_do_statements": CanDoStatementFactory(topic=topic),
        "departments": DepartmentFactory(),
        "desk_hours": DeskHours.objects.create(date=dt.date(2030, 5, 20), is_closed=True),
        "wagtailusers_users": UserFactory(role=Role.STAFF_LEARNER, staff_number="100900"),
    }


def person(kind):
    if kind == ANON:
        return None
    if kind == SUPERUSER:
        return User.objects.create_superuser(email="root@example.jp", password="x")
    user = UserFactory(role=kind)
    if kind == Role.COORDINATOR:
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(user, generate_totp_secret())
    return user


def outcome(response) -> str:
    if response.status_code == 302:
        if response["Location"].startswith("/accounts/login/"):
            return TO_SIGN_IN
        if response["Location"] == "/admin/":
            return TO_ADMIN_HOME
    return str(response.status_code)


@pytest.mark.parametrize("kind", PEOPLE, ids=str)
@pytest.mark.parametrize("screen", SCREENS)
def test_each_role_reaches_each_reference_screen_as_intended(client, reference_rows, kind, screen):
    user = person(kind)
    if user is not None:
        client.force_login(user)
    row = reference_rows[screen]
    for url in [
        reverse(f"{screen}:index"),
        reverse(f"{screen}:add"),
        reverse(f"{screen}:edit", args=[row.pk]),
    ]:
        assert outcome(client.get(url)) == EXPECTED[kind], url


@pytest.fixture
def coordinator_client(client, coordinator_with_totp):
    ensure_migration_data()
    client.force_login(coordinator_with_totp)
    return client


def test_a_coordinator_edits_a_venue_reading_and_the_class_page_shows_it(coordinator_client):
    session = ClassSessionFactory(venue__name="上溝公民館")
    venue = session.venue
    form = {
        "name": venue.name,
        "name_kana": "かみみぞこうみんかん",
        "name_en": venue.name_en,
        "district": venue.district_id,
        "postal_code": "",
        "address": venue.address,
        "latitude": "35.600000",
        "longitude": "139.300000",
        "phone": "",
        "access_notes": "",
        "accessibility_notes": "車いす用トイレあり",
    }

    response = coordinator_client.post(reverse("venues:edit", args=[venue.pk]), form)

    assert response.status_code == 302
    venue.refresh_from_db()
    assert venue.name_kana == "かみみぞこうみんかん"
    page = coordinator_client.get(reverse("outreach:class-detail", args=[session.pk]))
    assert page.status_code == 200
    assert "<ruby>上溝公民館<rp>（</rp><rt>かみみぞこうみんかん</rt>" in page.content.decode()
    english = coordinator_client.get(f"/en/classes/{session.pk}/").content.decode()
    assert "<rt>" not in english


def test_a_coordinator_writes_a_topics_vietnamese_title_and_the_vietnamese_finder_shows_it(
    coordinator_client,
):
    session = ClassSessionFactory(
        topic__title="電話とカメラ", topic__title_en="Calls and the camera"
    )
    topic = session.topic
    url = reverse("topics:edit", args=[topic.pk])
    edit = coordinator_client.get(url).content.decode()
    assert "題名（Tiếng Việt）" in edit and 'lang="vi"' in edit
    form = {
        "title": topic.title,
        "title_en": topic.title_en,
        "slug": topic.slug,
        "level": topic.level,
        "summary": "",
        "summary_en": "",
        "what_to_bring": "",
        "what_to_bring_en": "",
        "sort_order": "1",
        "title_vi": "  Gọi điện và máy ảnh ",
        "what_to_bring_vi": "Điện thoại của bạn",
        "title_ko": "",
    }

    response = coordinator_client.post(url, form)

    assert response.status_code == 302
    topic.refresh_from_db()
    # Only what was written is kept; an empty field falls back (Topic.text_in).
    assert topic.translations == {
        "vi": {"title": "Gọi điện và máy ảnh", "what_to_bring": "Điện thoại của bạn"}
    }
    assert "Gọi điện và máy ảnh" in coordinator_client.get("/vi/classes/").content.decode()
    assert "Calls and the camera" in coordinator_client.get("/ko/classes/").content.decode()
    again = coordinator_client.get(url).content.decode()
    assert 'value="Gọi điện và máy ảnh"' in again


def test_deleting_a_venue_with_classes_is_refused_politely(coordinator_client):
    session = ClassSessionFactory()

    response = coordinator_client.post(
        reverse("venues:delete", args=[session.venue.pk]), follow=True
    )

    assert response.status_code == 200
    assert Venue.objects.filter(pk=session.venue.pk).exists()
    assert "使われているため削除できません（教室 1件）" in response.content.decode()


def test_deleting_a_district_with_venues_is_refused_politely(coordinator_client):
    venue = VenueFactory()

    response = coordinator_client.post(
        reverse("districts:delete", args=[venue.district.pk]), follow=True
    )

    assert response.status_code == 200
    assert District.objects.filter(pk=venue.district.pk).exists()
    assert "使われているため削除できません（会場 1件）" in response.content.decode()


def test_a_district_in_no_use_can_be_deleted(coordinator_client):
    district = DistrictFactory()
    response = coordinator_client.post(reverse("districts:delete", args=[district.pk]))
    assert response.status_code == 302
    assert not District.objects.filter(pk=district.pk).exists()


def account_form(account, **changes):
    form = {
        "email": account.email,
        "display_name": account.display_name,
        "name_kana": account.name_kana,
        "staff_number": account.staff_number or "",
        "department": account.department_id or "",
        "job_grade": account.job_grade,
        "joined_on": "",
        "is_active": "on",
        "groups": [g.pk for g in account.groups.all()],
    }
    form.update(changes)
    return form


def role_id(role):
    return Group.objects.get(name=role).pk


def test_a_coordinator_gives_a_trainer_role_but_not_the_coordinator_role(coordinator_client):
    account = UserFactory(role=Role.STAFF_LEARNER)
    url = reverse("wagtailusers_users:edit", args=[account.pk])

    refused = coordinator_client.post(
        url, account_form(account, groups=[role_id(Role.COORDINATOR)])
    )
    assert refused.status_code == 200  # the form again, with its error
    assert not account.groups.filter(name=Role.COORDINATOR).exists()

    given = coordinator_client.post(
        url, account_form(account, groups=[role_id(Role.STAFF_LEARNER), role_id(Role.TRAINER)])
    )
    assert given.status_code == 302
    assert set(account.groups.values_list("name", flat=True)) == {
        Role.STAFF_LEARNER,
        Role.TRAINER,
    }
    page = coordinator_client.get(url).content.decode()
    assert f'value="{role_id(Role.COORDINATOR)}"' not in page


def test_a_coordinator_cannot_make_anyone_a_superuser(coordinator_client, coordinator_with_totp):
    account = UserFactory(role=Role.STAFF_LEARNER)

    coordinator_client.post(
        reverse("wagtailusers_users:edit", args=[account.pk]),
        account_form(account, is_superuser="on"),
    )

    account.refresh_from_db()
    assert account.is_superuser is False
    own = coordinator_client.get(
        reverse("wagtailusers_users:edit", args=[coordinator_with_totp.pk])
    )
    assert outcome(own) == TO_ADMIN_HOME
    coordinator_with_totp.refresh_from_db()
    assert coordinator_with_totp.is_superuser is False


@pytest.mark.parametrize("target", ["superuser", "other coordinator", "inactive coordinator"])
def test_a_coordinator_cannot_change_a_superuser_or_coordinator_account(coordinator_client, target):
    if target == "superuser":
        account = User.objects.create_superuser(email="root@example.jp", password="x")
    else:
        account = UserFactory(role=Role.COORDINATOR, is_active=target == "other coordinator")
    url = reverse("wagtailusers_users:edit", args=[account.pk])

    # Wagtail answers a refusal with its home page and "no permission", not a bare 403.
    assert outcome(coordinator_client.get(url)) == TO_ADMIN_HOME
    response = coordinator_client.post(url, account_form(account, email="taken@example.jp"))

    assert outcome(response) == TO_ADMIN_HOME
    account.refresh_from_db()
    assert account.email != "taken@example.jp"


def test_bulk_actions_give_no_more_than_the_edit_form(coordinator_client):
    learner = UserFactory(role=Role.STAFF_LEARNER)
    root = User.objects.create_superuser(email="root@example.jp", password="x")
    assign = reverse("wagtail_bulk_action", args=["core", "user", "assign_role"])

    coordinator_client.post(
        f"{assign}?id={learner.pk}&id={root.pk}", {"role": role_id(Role.COORDINATOR)}
    )
    assert (
        not Group.objects.get(name=Role.COORDINATOR)
        .user_set.filter(pk__in=[learner.pk, root.pk])
        .exists()
    )

    coordinator_client.post(
        f"{assign}?id={learner.pk}&id={root.pk}", {"role": role_id(Role.TRAINER)}
    )
    assert learner.groups.filter(name=Role.TRAINER).exists()
    assert not root.groups.filter(name=Role.TRAINER).exists()

    deactivate = reverse("wagtail_bulk_action", args=["core", "user", "set_active_state"])
    coordinator_client.post(f"{deactivate}?id={root.pk}", {"mark_as_active": "False"})
    root.refresh_from_db()
    assert root.is_active is True


def test_a_superuser_may_make_a_coordinator(client, db):
    ensure_migration_data()
    client.force_login(User.objects.create_superuser(email="root@example.jp", password="x"))
    account = UserFactory(role=Role.STAFF_LEARNER)

    response = client.post(
        reverse("wagtailusers_users:edit", args=[account.pk]),
        account_form(account, groups=[role_id(Role.COORDINATOR)]),
    )

    assert response.status_code == 302
    assert account.groups.filter(name=Role.COORDINATOR).exists()


def test_a_new_account_has_no_password_and_the_roles_chosen(coordinator_client):
    department = DepartmentFactory(code="011000", name="DX推進課")

    response = coordinator_client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "New.Person@City.example.jp",
            "display_name": "新井 一",
            "name_kana": "あらい はじめ",
            "staff_number": "100777",
            "department": department.pk,
            "job_grade": "staff",
            "joined_on": "2026-04-01",
            "is_active": "on",
            "groups": [role_id(Role.STAFF_LEARNER)],
        },
    )

    assert response.status_code == 302
    account = User.objects.get(email="new.person@city.example.jp")
    assert not account.has_usable_password()
    assert account.staff_number == "100777"
    assert list(account.groups.values_list("name", flat=True)) == [Role.STAFF_LEARNER]


def test_an_account_without_a_staff_number_stores_none(coordinator_client):
    coordinator_client.post(
        reverse("wagtailusers_users:add"),
        {"email": "a@example.jp", "display_name": "A", "is_active": "on", "staff_number": ""},
    )
    coordinator_client.post(
        reverse("wagtailusers_users:add"),
        {"email": "b@example.jp", "display_name": "B", "is_active": "on", "staff_number": ""},
    )
    assert User.objects.filter(email__in=["a@example.jp", "b@example.jp"]).count() == 2
    assert not User.objects.filter(staff_number="").exists()


MENU_URLS = ["/admin/districts/", "/admin/venues/", "/admin/departments/", "/admin/users/"]


def test_editors_see_no_reference_data_in_their_menu(client, editor):
    ensure_migration_data()
    client.force_login(editor)
    page = client.get("/admin/")
    assert page.status_code == 200
    assert [url for url in MENU_URLS if url in page.content.decode()] == []


def test_coordinators_see_the_reference_data_menu(coordinator_client):
    page = coordinator_client.get("/admin/").content.decode()
    assert [url for url in MENU_URLS if url in page] == MENU_URLS


def _count_queries(client, url):
    client.get(url)  # once to warm the per-process caches (content types, locales)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("screen", "factory"), [("venues", VenueFactory), ("can_do_statements", CanDoStatementFactory)]
)
def test_a_reference_list_makes_the_same_queries_for_one_row_or_twenty(
    coordinator_client, screen, factory
):
    """Each venue row shows its district and each can-do row its topic: without
    select_related, one more query per row."""
    factory()
    one = _count_queries(coordinator_client, reverse(f"{screen}:index"))
    factory.create_batch(19)
    assert _count_queries(coordinator_client, reverse(f"{screen}:index")) == one


def test_the_staff_account_list_makes_the_same_queries_for_two_accounts_or_twenty(
    coordinator_client,
):
    """Each row shows its department and roles: without select_related and
    prefetch_related, two queries per account."""
    UserFactory(role=Role.TRAINER, department=DepartmentFactory())
    few = _count_queries(coordinator_client, reverse("wagtailusers_users:index"))
    for _n in range(18):
        UserFactory(role=Role.STAFF_LEARNER, department=DepartmentFactory())
    assert _count_queries(coordinator_client, reverse("wagtailusers_users:index")) == few


def test_the_staff_account_list_shows_roles_in_japanese(coordinator_client):
    UserFactory(role=Role.TRAINER, staff_number="100555")
    page = coordinator_client.get(reverse("wagtailusers_users:index")).content.decode()
    assert "100555" in page
    assert re.search(r"<td[^>]*>\s*講師\s*</td>", page)
