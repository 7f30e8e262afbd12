"""The role groups get their permissions after every migrate."""

from django.contrib.auth.models import Group
from django.core.management import call_command

from core.roles import Role


def test_migrate_gives_the_role_groups_their_permissions(db):
    """post_migrate is not sent for an app without models (the last app in
    INSTALLED_APPS was one), so the sync never ran and editors were sent in a
    redirect loop between the sign-in page and the Wagtail admin."""
    editors = Group.objects.get(name=Role.EDITOR)
    editors.permissions.clear()
    call_command("migrate", verbosity=0)
    assert editors.permissions.filter(codename="access_admin").exists()
