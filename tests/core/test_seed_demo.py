"""seed_demo loads the demo and a second run changes nothing."""

import io

import pytest
from django.apps import apps

from core.models import User
from core.roles import Role
from outreach.models import District
from tests.conftest import run_seed_demo, seed_whole_demo


def _snapshot():
    """Row counts of every model, and the newest updated_at where a model has one."""
    shot = {}
    for model in apps.get_models():
        qs = model.objects.all()
        shot[model._meta.label] = qs.count()
        if any(f.name == "updated_at" for f in model._meta.get_fields()):
            shot[model._meta.label + ".updated_at"] = (
                qs.order_by("-updated_at").values_list("updated_at", flat=True).first()
            )
    return shot


@pytest.mark.django_db
def test_seed_demo_loads_the_city_and_one_account_per_role_with_a_new_password():
    printed = seed_whole_demo()

    assert District.objects.count() == 22
    mountainous = set(District.objects.filter(is_mountainous=True).values_list("name", flat=True))
    assert mountainous == {"城山", "津久井", "相模湖", "藤野"}
    # Without --password a random one is made and printed, the same for every account.
    shown = {
        line.split()[1]: line.rsplit("password: ", 1)[1].strip()
        for line in printed.splitlines()
        if "@example.jp" in line and "password: " in line
    }
    assert len(set(shown.values())) == 1
    password = shown["coordinator@example.jp"]
    assert len(password) >= 12
    for email, role in [
        ("coordinator@example.jp", Role.COORDINATOR),
        ("trainer@example.jp", Role.TRAINER),
        ("editor@example.jp", Role.EDITOR),
        ("staff@example.jp", Role.STAFF_LEARNER),
    ]:
        user = User.objects.get(email=email)
        assert user.check_password(password)
        assert user.has_role(role)


@pytest.mark.django_db
def test_a_second_seed_changes_nothing_and_keeps_the_passwords():
    printed = seed_whole_demo()
    before = _snapshot()
    again = run_seed_demo()
    assert _snapshot() == before
    assert "(unchanged; use --password to set)" in again
    password = next(line for line in printed.splitlines() if "staff@example.jp" in line)
    assert User.objects.get(email="staff@example.jp").check_password(
        password.rsplit("password: ", 1)[1].strip()
    )


@pytest.mark.django_db
def test_a_given_password_is_set_on_every_account_and_printed():
    seed_whole_demo()
    printed = run_seed_demo("--password", "demo-pass-1")
    assert "demo-pass-1" in printed
    for email in ("coordinator@example.jp", "trainer@example.jp", "editor@example.jp"):
        assert User.objects.get(email=email).check_password("demo-pass-1")


def test_the_sign_in_address_is_the_one_the_demo_is_served_at(settings):
    # make run PORT=8123 serves the demo there and passes its address as PUBLIC_BASE_URL.
    from core.management.commands.seed_demo import Command

    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8123"
    out = io.StringIO()
    Command(stdout=out).print_sign_ins("demo-pass-1")
    printed = out.getvalue()
    assert "http://127.0.0.1:8123/accounts/login/" in printed
    assert ":8000" not in printed
    assert "coordinator@example.jp" in printed
    assert "demo-pass-1" in printed
