"""wagtail.users as Tsunagu installs it: its user screens are the staff account screens.

In a module of its own: core/apps.py must hold one AppConfig (CoreConfig), or
Django no longer picks CoreConfig for "core" and its ready() never runs.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class StaffUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "core.staff_accounts.StaffAccountViewSet"
