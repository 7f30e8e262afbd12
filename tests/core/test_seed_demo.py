"""seed_demo loads the demo and a second run changes nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from core.models import User
from core.roles import Role
from outreach.models import District
from tests.conftest import seed_whole_demo


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
def test_seed_demo_loads_the_city_and_one_account_per_role():
    printed = seed_whole_demo("demo-pass-1")

    assert District.objects.count() == 22
    mountainous = set(District.objects.filter(is_mountainous=True).values_list("name", flat=True))
    assert mountainous == {"城山", "津久井", "相模湖", "藤野"}
    for email, role in [
        ("coordinator@example.jp", Role.COORDINATOR),
        ("trainer@example.jp", Role.TRAINER),
        ("editor@example.jp", Role.EDITOR),
        ("staff@example.jp", Role.STAFF_LEARNER),
    ]:
        user = User.objects.get(email=email)
        assert user.check_password("demo-pass-1")
        assert user.has_role(role)
    assert "coordinator@example.jp" in printed
    assert "demo-pass-1" in printed


@pytest.mark.django_db
def test_a_second_seed_changes_nothing():
    seed_whole_demo("demo-pass-1")
    before = _snapshot()
    call_command("seed_demo", "--password", "demo-pass-1", stdout=io.StringIO())
    assert _snapshot() == before


@pytest.mark.django_db
def test_without_a_password_a_random_one_is_made_and_printed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()
    line = next(line for line in printed.splitlines() if "trainer@example.jp" in line)
    password = line.rsplit("password: ", 1)[1].strip()
    assert len(password) >= 12
    assert User.objects.get(email="trainer@example.jp").check_password(password)


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
