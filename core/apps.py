from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("基盤")

    def ready(self) -> None:
        from core.roles import sync_role_permissions_after_migrate

        post_migrate.connect(sync_role_permissions_after_migrate, dispatch_uid="core-role-perms")
