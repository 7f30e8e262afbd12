"""The easy-Japanese advice editors see in the Wagtail editor while writing."""

from wagtail.admin.panels import Panel


class EasyJapaneseAdvicePanel(Panel):
    """Advice on the text as last saved, refreshed live as the editor types (cms-admin.js)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/admin/easy_japanese_panel.html"

        def is_shown(self):
            language = self.instance.locale.language_code if self.instance.locale_id else "ja"
            return language.startswith("ja")

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["report"] = self.instance.easy_report() if self.instance.locale_id else None
            context["easy"] = (
                self.instance.locale_id and self.instance.locale.language_code == "ja-x-easy"
            )
            return context
