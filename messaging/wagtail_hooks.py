"""The desk's phone hours in the Wagtail admin (窓口の受付時間).

Coordinators keep them like the other reference data (core.roles gives them the
model permissions); editors, trainers and staff learners do not see the screen.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from messaging.models import DeskHours


class DeskHoursViewSet(ModelViewSet):
    model = DeskHours
    icon = "time"
    menu_label = _("窓口の受付時間")
    menu_order = 330
    add_to_admin_menu = True
    form_fields = ["weekday", "date", "is_closed", "opens", "closes", "note"]
    list_display = ["__str__", "note"]
    list_filter = ["is_closed"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_desk_hours_viewset():
    return DeskHoursViewSet("desk_hours")
