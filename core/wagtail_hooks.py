"""Admin screens for core: departments, staff accounts (core.staff_accounts) and their bulk actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from core.models import Department
from core.staff_accounts import StaffAssignRoleBulkAction, StaffSetActiveStateBulkAction


class DepartmentViewSet(ModelViewSet):
    """Departments come from HR's staff file; a coordinator may add or rename one here.

    There is no delete: staff keep their department, and HR's file is the record.
    """

    model = Department
    icon = "group"
    menu_label = _("部署")
    menu_order = 320
    add_to_admin_menu = True
    form_fields = ["code", "name"]
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_department_viewset():
    return DepartmentViewSet("departments")


# After wagtail.users' own (order 0), so these replace its role and active-state actions.
hooks.register("register_bulk_action", StaffAssignRoleBulkAction, order=1)
hooks.register("register_bulk_action", StaffSetActiveStateBulkAction, order=1)
