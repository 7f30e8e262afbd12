from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The residents' front door: three big choices, nothing else to get lost in."""

    lead = models.CharField(
        _("ひとこと"),
        max_length=200,
        blank=True,
        help_text=_("見出しの下に出る短い文。やさしい言葉で書いてください。"),
    )
    phone_note = models.CharField(
        _("電話での申込の説明"),
        max_length=200,
        blank=True,
        help_text=_("例：電話でも申し込めます。係の者が受け付けます。"),
    )

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("phone_note")]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        try:
            context["find_class_url"] = reverse("outreach:class-list")
        except NoReverseMatch:
            context["find_class_url"] = ""
        help_index = self.get_children().live().filter(slug="help").first()
        context["help_url"] = help_index.localized.get_url(request) if help_index else ""
        return context

    template = "cms/home_page.html"

    class Meta:
        verbose_name = _("トップページ")


class StandardPage(Page):
    """A plain page of text the city keeps current: the accessibility policy, privacy, about."""

    intro = models.CharField(_("はじめに"), max_length=300, blank=True)
    body = RichTextField(
        _("本文"), features=["h2", "h3", "bold", "link", "ol", "ul", "document-link"]
    )
    last_reviewed = models.DateField(_("最終確認日"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    template = "cms/standard_page.html"

    class Meta:
        verbose_name = _("一般ページ")
