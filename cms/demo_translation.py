"""A demo page translated the way an editor does it in wagtail-localize, all at once.

wagtail-localize stores a page's text as segments of its source (the Japanese page):
each title, paragraph, list item, step and alt text is one string. An editor types a
translation for every segment and publishes; the page in the other language is then
a synced translation: served to readers (cms.translations records it complete) and
brought up to date in wagtail-localize's editor when the Japanese page changes.

Here the translation is written as whole field values (the same shape as the Japanese
page), cut into segments by wagtail-localize's own extractor and paired with the
source's segments one for one. Nothing is saved when the Japanese page no longer says
what the translation was written from (an editor changed it since an earlier seed) or
when the two do not pair (a step more, a list item less): a half-translated page would
be shown as "not yet translated", and a mispaired or stale one would be wrong.
"""

from __future__ import annotations

import copy
import re

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    TemplateSegment,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue, TemplateSegmentValue
from wagtail_localize.segments.extract import extract_segments

# Segment paths name StreamField blocks by their ids; the shapes compare without them.
BLOCK_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
BETWEEN_TAGS = re.compile(r">\s+<")


class NotATranslation(ValueError):
    """The text cannot be saved as a translation of the page as it is now."""


class JapaneseChanged(NotATranslation):
    """The Japanese page is not the text the translation was written for."""


class ShapeMismatch(NotATranslation):
    """The translation does not have the Japanese page's segments."""


def _shape(path: str) -> str:
    return BLOCK_ID.sub("#", path)


def _template(html: str) -> str:
    return BETWEEN_TAGS.sub("><", html.strip())


def _with(page: Page, fields: dict) -> Page:
    """An unsaved copy of the page holding these field values, to cut into segments."""
    copied = copy.copy(page)
    for name, value in fields.items():
        setattr(copied, name, value)
    return copied


def _source_strings(source: TranslationSource) -> list[StringSegment]:
    return list(
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )


def _check_written_for(wanted: list[StringSegment], written_for: Page) -> None:
    """The page's segments must be, word for word, those of the Japanese the translation
    was written for: a translation of other words would be published as complete."""
    given = [s for s in extract_segments(written_for) if isinstance(s, StringSegmentValue)]
    for segment, value in zip(wanted, given, strict=False):
        if segment.string.data != value.string.data:
            raise JapaneseChanged(
                f"the Japanese page says {segment.string.data!r} "
                f"where the demo's says {value.string.data!r}"
            )
    if len(wanted) != len(given):
        raise JapaneseChanged(f"the Japanese page has {len(wanted)} segments, not {len(given)}")


def _paired_strings(
    source: TranslationSource, wanted: list[StringSegment], translated: Page
) -> list[tuple[StringSegment, str]]:
    """Each string segment of the source with its text in the translated page."""
    extracted = extract_segments(translated)
    given = [s for s in extracted if isinstance(s, StringSegmentValue)]
    if [_shape(s.context.path) for s in wanted] != [_shape(s.path) for s in given]:
        raise ShapeMismatch(_first_difference(wanted, given))
    templates = [
        _template(t)
        for t in TemplateSegment.objects.filter(source=source)
        .order_by("order")
        .values_list("template__template", flat=True)
    ]
    if templates != [
        _template(s.template) for s in extracted if isinstance(s, TemplateSegmentValue)
    ]:
        raise ShapeMismatch("a rich text has other paragraphs or list items than the Japanese")
    return [(segment, value.string.data) for segment, value in zip(wanted, given, strict=True)]


def _first_difference(wanted, given) -> str:
    for n, (a, b) in enumerate(zip(wanted, given, strict=False)):
        if _shape(a.context.path) != _shape(b.path):
            return f"segment {n + 1}: Japanese {a.string.data!r}, translation {b.string.data!r}"
    return f"{len(wanted)} segments in Japanese, {len(given)} in the translation"


@transaction.atomic
def translate(page: Page, locale: Locale, fields: dict, *, written_for: dict) -> Page:
    """Translate `page` into `locale` with these field values and publish the translation.

    `written_for` holds the Japanese field values the translation was written from.
    Raises JapaneseChanged when the page no longer says that, and ShapeMismatch when
    the translation does not pair with it segment for segment; nothing is saved then.
    """
    page = page.specific
    source, _created = TranslationSource.update_or_create_from_instance(page)
    wanted = _source_strings(source)
    _check_written_for(wanted, _with(page, written_for))
    strings = _paired_strings(source, wanted, _with(page, fields))
    Translation.objects.get_or_create(source=source, target_locale=locale)
    # One row per string and place; an existing row (a translation deleted and made
    # again) takes the new text.
    rows = {
        (segment.string_id, segment.context_id): StringTranslation(
            translation_of_id=segment.string_id,
            context_id=segment.context_id,
            locale=locale,
            data=data,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
        for segment, data in strings
    }
    StringTranslation.objects.bulk_create(
        rows.values(),
        update_conflicts=True,
        unique_fields=["locale", "translation_of", "context"],
        update_fields=["data"],
    )
    # fallback=False: a missing segment is an error, never Japanese text on the page.
    # Published here rather than on commit (wagtail-localize's publish=True) so the page
    # is live inside seed_demo's transaction.
    target, _created = source.create_or_update_translation(locale, publish=False, fallback=False)
    target.get_latest_revision().publish()
    return target
