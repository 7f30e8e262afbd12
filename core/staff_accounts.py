"""Staff accounts and their roles in the Wagtail admin (職員アカウント).

Wagtail's own user screens, set up for Tsunagu's user model and its roles:
wagtail.users takes this viewset from core.users_app.StaffUsersAppConfig. Who may
change what is decided in core.permissions: a coordinator gives every role but
Coordinator, never makes a superuser, and cannot change a superuser's or a
coordinator's account (nor their own) — the same rules hold for the bulk actions.
"""

from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.users.views import users
from wagtail.users.views.bulk_actions import AssignRoleBulkAction, SetActiveStateBulkAction

from core.models import User
from core.permissions import grantable_roles, may_manage_account
from core.roles import Role


def role_label(group: Group) -> str:
    try:
        return str(Role(group.name).label)
    except ValueError:
        return group.name


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return role_label(obj)


class StaffAccountForm(WagtailAdminModelForm):
    """An account without a password: staff sign in through the city's identity
    provider, others set one through "forgot password"."""

    groups = RoleChoiceField(
        label=_("役割"),
        queryset=Group.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = User
        fields = [
            "email",
            "display_name",
            "name_kana",
            "staff_number",
            "department",
            "job_grade",
            "joined_on",
            "is_active",
            "is_superuser",
            "groups",
        ]

    def __init__(self, *args, editing_self: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.grantable = grantable_roles(self.for_user)
        self.fields["groups"].queryset = Group.objects.filter(name__in=self.grantable)
        if editing_self or not self.for_user.is_superuser:
            del self.fields["is_superuser"]
        if editing_self:
            del self.fields["is_active"]

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_staff_number(self) -> str | None:
        # Unique but optional: an empty number is NULL, which never collides.
        return (self.cleaned_data["staff_number"] or "").strip() or None

    def clean_groups(self):
        """The roles chosen, plus any the editor may not give (they stay as they were)."""
        chosen = list(self.cleaned_data["groups"])
        if self.instance.pk:
            chosen += list(self.instance.groups.exclude(name__in=self.grantable))
        return Group.objects.filter(pk__in=[group.pk for group in chosen])

    def save(self, commit=True):
        user = super().save(commit=False)
        if user.pk is None:
            user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


class StaffAccountIndexView(users.IndexView):
    page_title = _("職員アカウント")
    add_item_label = _("アカウントを追加")

    @cached_property
    def columns(self):
        name, username, _level, active, last_login = super().columns[1:6]
        return [
            super().columns[0],
            name,
            username,
            Column("staff_number", label=_("職員番号"), sort_key="staff_number", width="10%"),
            Column("department", label=_("所属"), accessor="department", width="15%"),
            Column("roles", label=_("役割"), accessor=self._roles, width="15%"),
            active,
            last_login,
        ]

    @staticmethod
    def _roles(user) -> str:
        names = [role_label(group) for group in user.groups.all()]
        if user.is_superuser:
            names.insert(0, str(_("管理者（スーパーユーザー）")))
        return "、".join(names)

    def get_base_queryset(self):
        # Department and roles of every row in two queries, whatever the page size.
        return super().get_base_queryset().select_related("department").prefetch_related("groups")

    def get_edit_url(self, instance):
        if may_manage_account(self.request.user, instance):
            return super().get_edit_url(instance)
        return None


class StaffAccountEditView(users.EditView):
    def dispatch(self, request, *args, **kwargs):
        if self.user_has_permission("change") and not may_manage_account(request.user, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaffAccountViewSet(users.UserViewSet):
    menu_label = _("職員アカウント")
    add_to_settings_menu = False
    add_to_admin_menu = True
    menu_order = 310
    index_view_class = StaffAccountIndexView
    edit_view_class = StaffAccountEditView
    create_template_name = "core/admin/staff_account_create.html"
    edit_template_name = "core/admin/staff_account_edit.html"

    def get_form_class(self, for_update=False):
        return StaffAccountForm


class StaffAssignRoleBulkAction(AssignRoleBulkAction):
    def check_perm(self, obj) -> bool:
        return super().check_perm(obj) and may_manage_account(self.request.user, obj)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        field = form.fields["role"]
        field.queryset = Group.objects.filter(name__in=grantable_roles(self.request.user))
        field.label_from_instance = role_label
        return form


class StaffSetActiveStateBulkAction(SetActiveStateBulkAction):
    def check_perm(self, obj) -> bool:
        return super().check_perm(obj) and may_manage_account(self.request.user, obj)
