"""The roles, as Django groups with permissions.

The groups are created by migration core.0002; their permissions are kept in
step after every migrate, because the permissions of the other apps only exist
once those apps have migrated. Each app adds the permissions its pages check to
ROLE_PERMISSIONS below, by name (core imports no app).
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Role(TextChoices):
    # The value is the group's name in the database; the label is what people read.
    COORDINATOR = "Coordinator", _("コーディネーター")
    TRAINER = "Trainer", _("講師")
    EDITOR = "Editor", _("編集者")
    STAFF_LEARNER = "Staff learner", _("職員受講者")
    # Runs staff ICT-skill course sessions and marks their attendance.
    INSTRUCTOR = "Instructor", _("研修講師")
    # Committee members and managers: the yearly figures only, never a person's data.
    FIGURES_VIEWER = "Figures viewer", _("集計閲覧者")


# "app_label.codename" for each role. Least privilege: a trainer and a staff
# learner get nothing from the Wagtail admin.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.COORDINATOR: [
        "wagtailadmin.access_admin",
        "core.view_auditevent",
        # Reference data in the Wagtail admin (outreach/wagtail_hooks.py, core/wagtail_hooks.py).
        "outreach.add_district",
        "outreach.change_district",
        "outreach.delete_district",
        "outreach.view_district",
        "outreach.add_venue",
        "outreach.change_venue",
        "outreach.delete_venue",
        "outreach.view_venue",
        "outreach.add_topic",
        "outreach.change_topic",
        "outreach.delete_topic",
        "outreach.view_topic",
        "outreach.add_candostatement",
        "outreach.change_candostatement",
        "outreach.delete_candostatement",
        "outreach.view_candostatement",
        "core.add_department",
        "core.change_department",
        "core.view_department",
        # The desk's phone hours (messaging/wagtail_hooks.py).
        "messaging.add_deskhours",
        "messaging.change_deskhours",
        "messaging.delete_deskhours",
        "messaging.view_deskhours",
        # Staff accounts: never delete (leavers are deactivated); which accounts and
        # roles a coordinator may change is core.permissions.may_manage_account.
        "core.add_user",
        "core.change_user",
        "core.view_user",
        "outreach.add_classsession",
        "outreach.change_classsession",
        "outreach.view_classsession",
        "outreach.add_resident",
        "outreach.change_resident",
        "outreach.view_resident",
        "outreach.add_registration",
        "outreach.change_registration",
        "outreach.view_registration",
    ],
    Role.EDITOR: [
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
    ],
    Role.TRAINER: [],
    Role.STAFF_LEARNER: [],
    Role.INSTRUCTOR: [],
    Role.FIGURES_VIEWER: [],
}


def user_has_role(user, role: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    # Cached per request object: the role check runs on every staff page.
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return role in cache


# Wagtail grants pages and images per tree, not per model: editors and
# coordinators may edit and publish every page and use every image collection.
ROLE_PAGE_PERMISSIONS: dict[str, list[str]] = {
    Role.EDITOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.COORDINATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
ROLE_COLLECTION_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    role: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ]
    for role in (Role.EDITOR, Role.COORDINATOR)
}


def _sync_wagtail_tree_permissions() -> None:
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role, codenames in ROLE_PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        if root_page is not None:
            for codename in codenames:
                permission = Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                )
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
    for role, pairs in ROLE_COLLECTION_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        if root_collection is not None:
            for app_label, codename in pairs:
                permission = Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )


def sync_role_permissions() -> list[str]:
    """Give each role group exactly the permissions listed above; return the missing names."""
    missing: list[str] = []
    for role, names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        perms = []
        for name in names:
            app_label, codename = name.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is None:
                missing.append(name)
            else:
                perms.append(perm)
        group.permissions.set(perms)
    _sync_wagtail_tree_permissions()
    return missing


def sync_role_permissions_after_migrate(sender, **kwargs) -> None:
    from django.apps import apps

    # post_migrate is sent once per app that has models (not for one without,
    # such as django.contrib.humanize); only the last one sees every permission.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is with_models[-1]:
        sync_role_permissions()
