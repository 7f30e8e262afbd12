"""Reference data of the smartphone classes in the Wagtail admin (教室の基本データ):
districts, venues, topics and the can-do statements of the attendance check.

Coordinators manage them (core.roles gives them the model permissions); editors,
trainers and staff learners do not see these screens. A row still in use is
never deleted: the database's PROTECT refuses it and core.admin_views says why.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from core.admin_views import ProtectedDeleteView
from outreach.models import CanDoStatement, District, Topic, Venue
from outreach.topic_form import topic_form_class


class ReferenceDataViewSet(ModelViewSet):
    delete_view_class = ProtectedDeleteView
    copy_view_enabled = False
    # What each list row shows of another table, fetched with the rows (no query per row).
    list_select_related: tuple[str, ...] = ()

    def get_index_view_kwargs(self, **kwargs):
        queryset = self.model._default_manager.select_related(*self.list_select_related)
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class DistrictViewSet(ReferenceDataViewSet):
    model = District
    icon = "site"
    menu_label = _("地区")
    form_fields = [
        "name",
        "name_kana",
        "name_en",
        "code",
        "ward",
        "ward_en",
        "is_mountainous",
        "flyer_number",
    ]
    list_display = ["name", "name_kana", "ward", "is_mountainous", "flyer_number"]
    list_filter = ["is_mountainous", "ward"]
    search_fields = ["name", "name_kana", "name_en", "code"]


class VenueViewSet(ReferenceDataViewSet):
    model = Venue
    icon = "home"
    menu_label = _("会場")
    form_fields = [
        "name",
        "name_kana",
        "name_en",
        "district",
        "postal_code",
        "address",
        "latitude",
        "longitude",
        "phone",
        "keeps_loaner_phones",
        "access_notes",
        "accessibility_notes",
    ]
    list_display = ["name", "name_kana", "district", "address", "keeps_loaner_phones"]
    list_filter = ["district", "keeps_loaner_phones"]
    search_fields = ["name", "name_kana", "name_en", "address"]
    list_select_related = ("district",)


class TopicViewSet(ReferenceDataViewSet):
    model = Topic
    icon = "doc-full"
    menu_label = _("講座の内容")
    form_fields = [
        "title",
        "title_en",
        "slug",
        "level",
        "summary",
        "summary_en",
        "what_to_bring",
        "what_to_bring_en",
        "sort_order",
    ]
    list_display = ["title", "level", "sort_order"]
    list_filter = ["level"]
    search_fields = ["title", "title_en", "slug"]

    def get_form_class(self, for_update=False):
        # The texts in the other resident languages as fields of their own (topic_form).
        return topic_form_class(self.form_fields, self.formfield_for_dbfield)


class CanDoStatementViewSet(ReferenceDataViewSet):
    model = CanDoStatement
    icon = "tick"
    menu_label = _("できることチェック")
    form_fields = ["topic", "text", "text_en", "sort_order", "is_active"]
    list_display = ["text", "topic", "sort_order", "is_active"]
    list_filter = ["topic", "is_active"]
    search_fields = ["text", "text_en"]
    list_select_related = ("topic",)


class ReferenceDataGroup(ModelViewSetGroup):
    menu_label = _("教室の基本データ")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (
        DistrictViewSet("districts"),
        VenueViewSet("venues"),
        TopicViewSet("topics"),
        CanDoStatementViewSet("can_do_statements"),
    )


@hooks.register("register_admin_viewset")
def register_reference_data():
    return ReferenceDataGroup()
