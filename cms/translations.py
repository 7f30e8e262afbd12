"""Which pages readers see as translated, so no page mixes two languages.

wagtail-localize (1.14) puts Japanese text on pages of other locales in two ways:

- aliases: a locale set to "synchronise from" Japanese gets a live alias of every
  Japanese page, and translating a page whose parents are not translated yet
  copies those parents as aliases. An alias shows its original's content.
- fallbacks: a translation is always saved with the Japanese source text in every
  segment not translated yet (Translation.save_target uses fallback=True), and
  "Translate this page" on a live page publishes the copy at once, before
  anything is translated (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE).

Readers get the "not translated yet" notice for both (cms.wagtail_hooks). How
much of a translation was done is recorded when it is saved or published
(TranslationProgress), not counted on every request: serving a page costs one
lookup by key and a listing one subquery (cms.models.readable). A page with no synced wagtail-localize
translation (written directly in its locale, or a translation an editor stopped
syncing and publishes by hand) is shown as it is.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationLog

from cms.cache import purge
from cms.models import TranslationProgress


def _is_foreign_alias(page: Page) -> bool:
    if not page.alias_of_id:
        return False
    original_locale = (
        Page.objects.filter(pk=page.alias_of_id).values_list("locale_id", flat=True).first()
    )
    return original_locale != page.locale_id


def shown_to_readers(page: Page) -> bool:
    """False for an alias of a page in another language and for an incomplete translation."""
    if _is_foreign_alias(page):
        return False
    return not TranslationProgress.objects.filter(page_id=page.pk, complete=False).exists()


def record_progress(page: Page) -> TranslationProgress | None:
    """Note how much of the page's synced translation is done, as it is saved now."""
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is None:
        TranslationProgress.objects.filter(page_id=page.pk).delete()
        return None
    total, translated = translation.get_progress()
    progress, _created = TranslationProgress.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "translated_segments": translated,
            "total_segments": total,
            "complete": translated >= total,
        },
    )
    return progress


def record_progress_on_publish(sender, instance, **kwargs) -> None:
    record_progress(instance)


def record_progress_on_translation_saved(sender, instance: TranslationLog, created, **kwargs):
    """Every save of a translation writes the page's row, live or not: note it at once."""
    if not created:
        return
    page = Page.objects.filter(
        translation_key=instance.source.object_id, locale_id=instance.locale_id
    ).first()
    if page is not None:
        record_progress(page)
        purge()


def reader_status(page: Page) -> str:
    """What the editors' listing says readers see (prefetch translation_progress, alias_of)."""
    if not page.live:
        return ""
    if page.alias_of_id and page.alias_of.locale_id != page.locale_id:
        return _("翻訳するまで「まだ翻訳されていません」と表示")
    progress = getattr(page, "translation_progress", None)
    if progress is not None and not progress.complete:
        return _("翻訳が終わるまで「まだ翻訳されていません」と表示（%(done)s/%(total)s）") % {
            "done": progress.translated_segments,
            "total": progress.total_segments,
        }
    return _("表示中")


def editor_notice(page: Page) -> str | None:
    """The warning an editor sees on a live page that readers are shown as not translated."""
    if not page.live:
        return None
    if _is_foreign_alias(page):
        return _(
            "このページは公開されていますが、ほかの言語のページの写し（エイリアス）なので、"
            "読む人には「まだ翻訳されていません」と表示されます。"
        )
    progress = TranslationProgress.objects.filter(page_id=page.pk, complete=False).first()
    if progress is None:
        return None
    return _(
        "このページは公開されていますが、翻訳が終わるまで、読む人には"
        "「まだ翻訳されていません」と表示されます（公開したときの翻訳：%(done)s/%(total)s）。"
        "すべて翻訳してから、もう一度公開してください。"
    ) % {"done": progress.translated_segments, "total": progress.total_segments}
