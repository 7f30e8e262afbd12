from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, prefetch_related_objects
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, PageQuerySet
from wagtail.search import index
from wagtail.search.query import And, Or, PlainText
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms import easy_japanese, search
from cms.blocks import HelpBodyBlock, rich_text_lines
from cms.panels import EasyJapaneseAdvicePanel
from cms.reading import EASY_JAPANESE, reading_preferences_view, reading_prefs
from outreach.queries import class_topics, next_classes_for_topic, topic_by_slug


class SourceLocaleRouteMixin:
    """Route to the Japanese page when a translation lacks the child asked for.

    /en/help/new-article/ must reach the Japanese article (which then says it is
    not translated yet) rather than a 404, even when the English help index
    exists but the article has not been translated.
    """

    def reader_translations(self) -> PageQuerySet:
        """This page in every language readers can read it in (see readable())."""
        return readable(self.get_translations(inclusive=True))

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            source = self.get_translation_or_none(Locale.get_default())
            if source is None or source.pk == self.pk:
                raise
            return source.specific.route(request, path_components)


class HomePage(SourceLocaleRouteMixin, RoutablePageMixin, Page):
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
        # Wagtail adds "s" to a name without its plural: 「（記事）s」.
        verbose_name_plural = _("トップページ")

    @path("reading/", name="reading")
    def reading(self, request):
        """Turn a reading aid on or off and go back: plain links, so it works without JavaScript."""
        return reading_preferences_view(request)


class StandardPage(SourceLocaleRouteMixin, Page):
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
        verbose_name_plural = _("一般ページ")


# --- Help pages ----------------------------------------------------------------------------


def topic_choices() -> list[tuple[str, str]]:
    return [(topic.slug, topic.title) for topic in class_topics()]


class HelpIndexPage(SourceLocaleRouteMixin, RoutablePageMixin, Page):
    """使い方の説明: every help article, grouped by the class topics residents know."""

    intro = models.CharField(_("はじめに"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.HelpArticlePage"]
    max_count_per_parent = 1
    template = "cms/help_index_page.html"

    class Meta:
        verbose_name = _("使い方の説明（一覧）")
        verbose_name_plural = _("使い方の説明（一覧）")

    def articles(self):
        """Live articles of this index readers can read in its language (no alias, no
        partial translation), with what the listing shows and nothing more."""
        return (
            readable(HelpArticlePage.objects.child_of(self))
            .only(
                "id",
                "title",
                "slug",
                "url_path",
                "path",
                "depth",
                "locale_id",
                "summary",
                "topic_slug",
                "level",
                "for_iphone",
                "for_android",
                "for_easy_phone",
            )
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reading"] = reading_prefs(request)
        return context

    def serve_cacheable(self, request, context_overrides):
        response = self.render(request, context_overrides=context_overrides)
        response.page_cacheable = not getattr(request, "is_preview", False)
        return response

    @path("")
    def index(self, request):
        query = request.GET.get("q", "").strip()[:100]
        if query:
            results = search_articles(query, locale=self.locale, within=self)
            context = {"query": query, "results": results}
            if not results:
                context["source_results"] = self.source_language_results(query)
            return self.render(request, context_overrides=context)
        topics = list(class_topics())
        by_topic: dict[str, list] = {}
        for article in self.articles():
            by_topic.setdefault(article.topic_slug, []).append(article)
        groups = [(topic, by_topic.pop(topic.slug, [])) for topic in topics]
        groups = [(topic, articles) for topic, articles in groups if articles]
        others = [article for articles in by_topic.values() for article in articles]
        return self.serve_cacheable(request, {"groups": groups, "others": others})

    def source_language_results(self, query: str) -> list:
        """A search that finds nothing in a translation is tried on the Japanese pages,
        which every article has: a reader may type a word the page shows in Japanese."""
        source = self.get_translation_or_none(Locale.get_default())
        if source is None or source.pk == self.pk:
            return []
        return search_articles(query, locale=source.locale, within=source)

    @path("topic/<slug:slug>/", name="topic")
    def topic(self, request, slug):
        """/help/topic/<slug>/: where the follow-up SMS after a class points."""
        topic = topic_by_slug(slug)
        if topic is None:
            raise Http404
        articles = list(self.articles().filter(topic_slug=slug))
        return self.serve_cacheable(
            request,
            {
                "topic": topic,
                "topic_articles": articles,
                "next_classes": next_classes_for_topic(topic),
            },
        )


def search_articles(query: str, *, locale, within=None):
    """Articles matching every word of the query, in the reader's language.

    The index holds each article's words split by SudachiPy (search_tokens), and
    the query is split the same way; each word matches as written, by its
    reading or by its synonyms' key (cms.search), so サギ finds 詐欺 and
    もうしこみ finds 申請.
    """
    terms = search.query_terms(query)
    if not terms:
        return []
    search_query = And([Or([PlainText(form) for form in forms]) for forms in terms])
    articles = HelpArticlePage.objects.live().filter(locale=locale)
    if within is not None:
        articles = articles.descendant_of(within)
    found = list(articles.search(search_query, operator="and")[:30])
    # The search backends filter only on indexed fields: drop aliases and
    # incomplete translations (cms.translations) with one query over the results.
    shown = set(
        readable(HelpArticlePage.objects.filter(pk__in=[a.pk for a in found])).values_list(
            "pk", flat=True
        )
    )
    return [article for article in found if article.pk in shown]


class HelpArticlePage(SourceLocaleRouteMixin, RoutablePageMixin, Page):
    """A step-by-step help article a resident can follow at home after a class."""

    class Level(models.TextChoices):
        BASIC = "basic", _("基礎")
        APPLIED = "applied", _("応用")

    summary = models.CharField(
        _("この記事でわかること"),
        max_length=200,
        blank=True,
        help_text=_("一覧に出る短い文。例：スマホの文字を大きくする方法です。"),
    )
    # The class topic by its slug: cms reads topics only through outreach.queries.
    topic_slug = models.CharField(
        _("講座の内容"), max_length=60, help_text=_("この記事を使う教室の内容です。")
    )
    level = models.CharField(_("レベル"), max_length=10, choices=Level.choices, default=Level.BASIC)
    for_iphone = models.BooleanField(_("iPhone"), default=True)
    for_android = models.BooleanField(_("Android"), default=True)
    for_easy_phone = models.BooleanField(
        _("シニア向けスマホ（らくらくスマートフォンなど）"), default=False
    )
    body = StreamField(HelpBodyBlock(), verbose_name=_("本文"), blank=True)
    # Filled on save: the words of the article split by SudachiPy, for Japanese search.
    search_tokens = models.TextField(editable=False, blank=True, default="")
    # Filled on save: the easy-Japanese check, shown on the editors' page listing.
    readability = models.FloatField(_("読みやすさ（建石式）"), null=True, editable=False)
    easy_score = models.SmallIntegerField(_("やさしさの点数"), null=True, editable=False)
    # jReadability (cms.readability): the band editors see, 初級前半 … 上級後半.
    reading_level = models.FloatField(
        _("文章のレベル（jReadability）"), null=True, editable=False, db_index=True
    )
    advice_count = models.PositiveSmallIntegerField(_("助言の数"), default=0, editable=False)

    content_panels = Page.content_panels + [
        EasyJapaneseAdvicePanel(heading=_("やさしい日本語チェック")),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("topic_slug", widget=forms.Select(choices=topic_choices)),
                FieldPanel("level"),
                # Explicit headings: Django capitalises a field's name into its label ("IPhone").
                FieldPanel("for_iphone", heading=_("iPhone")),
                FieldPanel("for_android", heading=_("Android")),
                FieldPanel("for_easy_phone"),
            ],
            heading=_("講座とスマホの種類"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        # The title's words weigh more: サギ should put the scam article first.
        index.SearchField("search_title_tokens", boost=4),
        index.SearchField("search_tokens"),
        index.FilterField("topic_slug"),
        index.FilterField("level"),
    ]
    # wagtail-localize offers every text field for translation; the class topic is
    # a key (checked against outreach's topics), the same in every language.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        SynchronizedField("show_in_menus"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        SynchronizedField("topic_slug", overridable=False),
        SynchronizedField("level"),
        SynchronizedField("for_iphone"),
        SynchronizedField("for_android"),
        SynchronizedField("for_easy_phone"),
        TranslatableField("body"),
    ]
    parent_page_types = ["cms.HelpIndexPage"]
    subpage_types: list[str] = []
    template = "cms/help_article_page.html"

    class Meta:
        verbose_name = _("使い方の説明（記事）")
        verbose_name_plural = _("使い方の説明（記事）")

    def clean(self):
        super().clean()
        if self.topic_slug and topic_by_slug(self.topic_slug) is None:
            raise ValidationError(
                {"topic_slug": _("この講座の内容はありません。一覧から選んでください。")}
            )

    # -- derived fields -------------------------------------------------------------------

    def plain_text(self) -> str:
        """The article as plain text, one block a line: for search, checks and read-aloud."""
        lines = [self.title, self.summary]
        for block in self.body:
            value = block.value
            if block.block_type == "heading":
                lines.append(str(value))
            elif block.block_type in ("paragraph", "tip"):
                lines.append(rich_text_lines(value))
            elif block.block_type == "steps":
                for step in value:
                    lines += [rich_text_lines(step["text"]), step["caption"] or ""]
            elif block.block_type == "warning":
                lines += [value["title"], rich_text_lines(value["text"])]
            elif block.block_type == "video":
                lines += [value["title"], value["transcript"] or ""]
            elif block.block_type == "ask_for_help":
                lines.append(value["text"] or "")
        return "\n".join(line for line in lines if line)

    def search_title_tokens(self) -> str:
        return search.index_tokens(self.title)

    def missing_alt_count(self) -> int:
        return sum(
            1
            for block in self.body
            if block.block_type == "steps"
            for step in block.value
            if step["image"] is not None and not (step["alt"] or "").strip()
        )

    def step_images(self) -> list:
        return [
            step["image"]
            for block in self.body
            if block.block_type == "steps"
            for step in block.value
            if step["image"] is not None
        ]

    def easy_report(self):
        is_japanese = (self.locale.language_code if self.locale_id else "ja").startswith("ja")
        if not is_japanese:
            return None
        return easy_japanese.check(
            self.plain_text(),
            easy=self.locale.language_code == EASY_JAPANESE,
            missing_alt=self.missing_alt_count(),
        )

    def refresh_derived_fields(self) -> None:
        text = self.plain_text()
        self.search_tokens = search.index_tokens(text) if text else ""
        report = self.easy_report()
        self.readability = report.readability if report else None
        self.easy_score = report.score if report else None
        self.reading_level = report.level if report else None
        self.advice_count = len(report.advice) if report else 0

    def save(self, *args, **kwargs):
        if not self.locale_id:
            # Wagtail picks the locale later in save(); the checks need it now.
            self.locale = self.get_default_locale()
        self.refresh_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = list(
                set(update_fields)
                | {"search_tokens", "readability", "easy_score", "reading_level", "advice_count"}
            )
        return super().save(*args, **kwargs)

    # -- serving --------------------------------------------------------------------------

    @property
    def phones(self) -> list[str]:
        names = []
        if self.for_iphone:
            names.append("iPhone")
        if self.for_android:
            names.append("Android")
        if self.for_easy_phone:
            names.append(str(_("シニア向けスマホ")))
        return names

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The renditions of every picture in one query, not one per picture.
        prefetch_related_objects(self.step_images(), "renditions")
        context["reading"] = reading_prefs(request)
        context["topic"] = topic_by_slug(self.topic_slug)
        context["help_index"] = self.get_parent()
        context["next_classes"] = (
            next_classes_for_topic(self.topic_slug) if self.shows_next_classes else []
        )
        try:
            context["find_class_url"] = reverse("outreach:class-list")
        except NoReverseMatch:
            context["find_class_url"] = ""
        return context

    @property
    def shows_next_classes(self) -> bool:
        return any(
            block.block_type == "ask_for_help" and block.value["show_classes"]
            for block in self.body
        )

    @path("")
    def article(self, request):
        response = self.render(request)
        response.page_cacheable = not getattr(request, "is_preview", False)
        return response

    def public_url(self) -> str:
        """The article's address on the public site (PUBLIC_BASE_URL), whatever host the
        request came in on: what a printed handout and its QR code point to."""
        return settings.PUBLIC_BASE_URL + urlsplit(self.get_url() or "/").path

    @path("print/", name="print")
    def handout(self, request):
        """A4 handout for trainers: large type, the steps with their pictures, the desk's phone."""
        response = self.render(request, template="cms/help_article_print.html")
        response.page_cacheable = not getattr(request, "is_preview", False)
        return response


class TranslationProgress(models.Model):
    """How much of a wagtail-localize translation was done when its page was last saved.

    wagtail-localize publishes a translation with the Japanese source text in every
    segment not translated yet, so readers are shown the "not translated yet"
    notice for a page whose translation was incomplete (see cms.translations).
    Kept here, updated when the page is published, so serving a page costs one
    lookup by key and the listings one subquery, whatever the number of pages.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="translation_progress",
    )
    translated_segments = models.PositiveIntegerField(_("翻訳した部分"))
    total_segments = models.PositiveIntegerField(_("翻訳する部分"))
    complete = models.BooleanField(_("翻訳が終わった"))
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("翻訳の進み具合")
        verbose_name_plural = _("翻訳の進み具合")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.translated_segments}/{self.total_segments}"


def readable(pages: PageQuerySet) -> PageQuerySet:
    """The live pages readers see in their own language: no foreign alias, no partial translation.

    One subquery on TranslationProgress, whatever the number of pages (the
    rules for aliases and fallbacks are in cms.translations).
    """
    incomplete = TranslationProgress.objects.filter(complete=False).values("page_id")
    return (
        pages.live()
        .filter(Q(alias_of__isnull=True) | Q(alias_of__locale_id=F("locale_id")))
        .exclude(pk__in=incomplete)
    )
