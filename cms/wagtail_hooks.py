"""Wagtail admin for help articles: the easy-Japanese check and a listing with its score,
and serving every page in the reader's language or saying it is missing."""

from django.contrib import messages
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_filters import ChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from cms import easy_japanese, readability
from cms.languages import translation_missing_response
from cms.models import HelpArticlePage
from cms.translations import editor_notice, reader_status, shown_to_readers


@hooks.register("before_serve_page")
def serve_in_the_readers_language(page, request, args, kwargs):
    """A page in another language than the one asked for is never shown as if it were,
    nor an alias or an incomplete translation that shows Japanese text (cms.translations)."""
    if getattr(request, "is_preview", False):
        return None
    if page.locale.language_code != get_language() or not shown_to_readers(page):
        return translation_missing_response(request, page)
    return None


# Before wagtail-localize's own hook, which answers with its translation editor.
@hooks.register("before_edit_page", order=-10)
def warn_translation_not_shown(request, page):
    """Tell the editor that readers see this published page as not translated yet."""
    if request.method == "GET":
        notice = editor_notice(page)
        if notice:
            messages.warning(request, notice)


class HelpArticleIndexView(PageListingViewSet.index_view_class):
    def annotate_queryset(self, pages):
        return super().annotate_queryset(pages).prefetch_related("translation_progress", "alias_of")


class HelpArticleFilterSet(PageFilterSet):
    reading_level = ChoiceFilter(
        label=_("文章のレベル"),
        choices=[(key, name) for _lowest, key, name in readability.BANDS],
        method="filter_reading_level",
    )

    def filter_reading_level(self, queryset, name, value):
        lowest, highest = readability.band_range(value)
        if lowest is not None:
            queryset = queryset.filter(reading_level__gte=lowest)
        if highest is not None:
            queryset = queryset.filter(reading_level__lt=highest)
        return queryset

    class Meta:
        model = HelpArticlePage
        fields = []


def reading_level_name(page):
    return readability.band(page.reading_level) or "—"


class HelpArticleListing(PageListingViewSet):
    """Every help article with its easy-Japanese score, lowest first to fix."""

    icon = "help"
    menu_label = _("使い方の説明")
    add_to_admin_menu = True
    model = HelpArticlePage
    index_view_class = HelpArticleIndexView
    filterset_class = HelpArticleFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("locale", label=_("言語"), accessor="locale.get_display_name"),
        Column("easy_score", label=_("やさしさの点数"), sort_key="easy_score"),
        Column(
            "reading_level",
            label=_("文章のレベル"),
            accessor=reading_level_name,
            sort_key="reading_level",
        ),
        Column("readability", label=_("読みやすさ（建石式）"), sort_key="readability"),
        Column("advice_count", label=_("助言の数"), sort_key="advice_count"),
        Column("reader_status", label=_("読む人への表示"), accessor=reader_status),
    ]


@hooks.register("register_admin_viewset")
def register_help_article_listing():
    return HelpArticleListing("help_articles")


@require_POST
def easy_japanese_check(request):
    """Live advice while the editor types: the text of the form in, the advice out."""
    text = request.POST.get("text", "")[:20000]
    easy = request.POST.get("easy") == "1"
    report = easy_japanese.check(text, easy=easy)
    return JsonResponse(
        {
            # The advice as the panel shows it, in the editor's language: the
            # script only puts it in place, so it holds no words of its own.
            "html": render_to_string(
                "cms/admin/easy_japanese_result.html", {"report": report}, request=request
            ),
            "readability": report.readability,
            "level": report.level,
            "level_name": str(report.level_name or ""),
            "score": report.score,
            "kanji_share": report.kanji_share,
            "mean_sentence_chars": report.mean_sentence_chars,
            "advice": [
                {"kind": a.kind, "message": a.message, "excerpt": a.excerpt} for a in report.advice
            ],
        }
    )


@hooks.register("register_admin_urls")
def register_easy_japanese_url():
    return [path("cms/easy-japanese-check/", easy_japanese_check, name="cms_easy_japanese_check")]


@hooks.register("insert_global_admin_css")
def japanese_listing_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("insert_editor_js")
def easy_japanese_editor_js():
    return format_html('<script src="{}" defer></script>', static("js/cms-admin.js"))
