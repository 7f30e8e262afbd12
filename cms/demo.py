"""Demo pages in every language of the site: the residents' home page, the accessibility
policy, the privacy notice, the help index and the help articles with their pictures.

Japanese is the source. Easy Japanese is written as pages of their own, as an editor
rewrites a page with the easy-Japanese check beside it. English, Chinese, Korean,
Vietnamese and Portuguese are wagtail-localize translations with every segment
translated (cms.demo_translation), so readers are served them at once and editors
update them in wagtail-localize's editor when the Japanese page changes.
"""

import datetime as dt
import json
import uuid

from django.conf import settings
from django.db.models import Count
from modelsearch.index import insert_or_update_object
from wagtail.models import Locale, Page, Site

from cms import readability
from cms.demo_content import ARTICLES, ASK_TEXT, HOME, INDEX
from cms.demo_content.policies import ACCESSIBILITY, PRIVACY
from cms.demo_pictures import Pictures
from cms.demo_translation import JapaneseChanged, ShapeMismatch, translate
from cms.models import HelpArticlePage, HelpIndexPage, HomePage, StandardPage
from outreach.queries import class_topics

EASY_JAPANESE = "ja-x-easy"


def _home(ctx, locale_ja) -> HomePage:
    home = HomePage.objects.filter(locale=locale_ja).first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's migrations leave a "Welcome to Wagtail" page; the city's home replaces it.
    for welcome in root.get_children().exact_type(Page):
        if welcome.slug == "home":
            Site.objects.filter(root_page=welcome).delete()
            welcome.delete()
    home = root.add_child(instance=HomePage(slug="home", locale=locale_ja, **HOME["ja"]))
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Tsunagu"
        )
    else:
        site.root_page = home
        site.save(update_fields=["root_page"])
    ctx.count("pages", True)
    return home


def _policy(ctx, parent, slug, versions) -> StandardPage:
    page = StandardPage.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        title, intro, body = versions["ja"]
        page = parent.add_child(
            instance=StandardPage(
                title=title, slug=slug, intro=intro, body=body, last_reviewed=dt.date(2026, 11, 1)
            )
        )
        page.save_revision().publish()
        ctx.count("pages", True)
    return page


def _policy_fields(versions):
    def fields_in(language):
        title, intro, body = versions[language]
        return {"title": title, "intro": intro, "body": body}

    return fields_in


def _write_in(ctx, page, locale, **fields):
    """A page written directly in the locale (easy Japanese): a copy of the Japanese page,
    made as wagtail-localize would, then rewritten."""
    copy = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    ctx.count("pages", True)
    return copy


def _in_other_languages(ctx, page, locales, languages, fields_in) -> None:
    """The page in each of `languages` that it is not in yet; fields_in(language) gives
    its field values (only asked for when the page is made)."""
    for language in languages:
        locale = locales[language]
        if language == "ja" or page.get_translation_or_none(locale) is not None:
            continue
        if language == EASY_JAPANESE:
            _write_in(ctx, page, locale, **fields_in(language))
            continue
        try:
            translate(page, locale, fields_in(language), written_for=fields_in("ja"))
        except JapaneseChanged as changed:
            # An editor rewrote the Japanese page since an earlier seed: its translations
            # are theirs to make (wagtail-localize's "Translate"), in every language.
            ctx.say(f"  {page.title}: not translated, {changed}")
            return
        except ShapeMismatch as mismatch:
            ctx.say(f"  {page.title} is not translated into {language}: {mismatch}")
            continue
        ctx.count("pages", True)


def seed(ctx) -> None:
    home, locales = seed_site(ctx)
    seed_help(ctx, home, locales)
    ctx.say(f"  pages: {ctx.created.get('pages', 0)} new")


def seed_home(ctx):
    """The home page in every language, and the locales by language code."""
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }
    home = _home(ctx, locales["ja"])
    _in_other_languages(ctx, home, locales, HOME, HOME.get)
    return home, locales


def seed_site(ctx):
    """The home page and the accessibility and privacy pages, in every language."""
    home, locales = seed_home(ctx)
    for slug, versions in (("accessibility", ACCESSIBILITY), ("privacy", PRIVACY)):
        page = _policy(ctx, home, slug, versions)
        _in_other_languages(ctx, page, locales, versions, _policy_fields(versions))
    return home, locales


def _paragraph(text: str) -> str:
    return text if text.startswith("<") else f"<p>{text}</p>"


def _step(step, pictures: Pictures | None) -> dict:
    text, picture, alt = (step, None, "") if isinstance(step, str) else step
    return {
        "text": _paragraph(text),
        "image": pictures.image_id(picture) if picture and pictures else None,
        "alt": alt,
        "caption": "",
    }


def _block(kind, value, language, pictures) -> dict:
    if kind == "steps":
        # In Wagtail's list format (each item with an id), which wagtail-localize reads.
        value = [
            {"type": "item", "value": _step(step, pictures), "id": str(uuid.uuid4())}
            for step in value
        ]
    elif kind in ("paragraph", "tip"):
        value = _paragraph(value)
    elif kind == "warning":
        value = {"title": value[0], "text": _paragraph(value[1])}
    elif kind == "ask_for_help":
        value = {"text": ASK_TEXT[language], "show_classes": True}
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def body_json(blocks, language: str, pictures: Pictures | None) -> str:
    """The article's blocks as StreamField JSON, pictures as Wagtail image ids (none
    without `pictures`: the text alone, to compare or translate)."""
    stream = [_block(kind, value, language, pictures) for kind, value in blocks]
    return json.dumps(stream, ensure_ascii=False)


def _article(ctx, index, article, pictures) -> HelpArticlePage:
    page = HelpArticlePage.objects.child_of(index).filter(slug=article.slug).first()
    if page is not None:
        return page
    title, summary, blocks = article.versions["ja"]
    page = index.add_child(
        instance=HelpArticlePage(
            title=title,
            slug=article.slug,
            summary=summary,
            topic_slug=article.topic,
            level=article.level,
            for_iphone="iphone" in article.phones,
            for_android="android" in article.phones,
            for_easy_phone="easy" in article.phones,
            body=body_json(blocks, "ja", pictures),
        )
    )
    page.save_revision().publish()
    ctx.count("pages", True)
    return page


def _article_fields(article, pictures):
    def fields_in(language):
        title, summary, blocks = article.versions[language]
        # A translation shows the Japanese page's pictures (wagtail-localize keeps them);
        # only a page written directly needs its own.
        shown = pictures if language == EASY_JAPANESE else None
        return {"title": title, "summary": summary, "body": body_json(blocks, language, shown)}

    return fields_in


def seed_help(ctx, home, locales, articles=ARTICLES) -> None:
    """The help index and the articles (all the demo ones unless given), in every
    language, with their pictures."""
    index = HelpIndexPage.objects.child_of(home).filter(slug="help").first()
    if index is None:
        index = home.add_child(instance=HelpIndexPage(slug="help", **INDEX["ja"]))
        index.save_revision().publish()
        ctx.count("pages", True)
    _in_other_languages(ctx, index, locales, INDEX, INDEX.get)
    known_topics = set(class_topics().values_list("slug", flat=True))
    pictures = Pictures()
    for article in articles:
        if article.topic not in known_topics:
            # Articles belong to a class topic; outreach's seed makes them first.
            continue
        page = _article(ctx, index, article, pictures)
        _in_other_languages(
            ctx, page, locales, article.versions, _article_fields(article, pictures)
        )
    _index_for_search()
    counts = (
        HelpArticlePage.objects.values_list("locale__language_code")
        .annotate(Count("pk"))
        .order_by()
    )
    by_language = dict(counts)
    ctx.say(
        "  help articles: "
        + ", ".join(f"{code} {by_language.get(code, 0)}" for code in locales)
        + f"; {pictures.created} new pictures"
    )


def _index_for_search() -> None:
    """Index every help article now, so search works the moment seeding ends: Wagtail
    queues the index update as a task, which waits for the worker (db_worker)."""
    for article in HelpArticlePage.objects.all():
        insert_or_update_object(article)


def reading_levels() -> list[tuple[str, float | None, float | None]]:
    """(slug, standard score, easy score) of every demo article by jReadability, from the
    text as the page stores it (HelpArticlePage.plain_text), without a database."""
    out = []
    for article in ARTICLES:
        scores = []
        for language in ("ja", EASY_JAPANESE):
            title, summary, blocks = article.versions[language]
            page = HelpArticlePage(
                title=title,
                summary=summary,
                body=body_json(blocks, language, None),
                locale=Locale(language_code=language),
                content_type_id=-1,  # never saved: no content type to look up
            )
            scores.append(readability.score(page.plain_text()))
        out.append((article.slug, *scores))
    return out
