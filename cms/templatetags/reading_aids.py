from django import template
from django.utils.safestring import mark_safe

from cms import japanese, readings
from cms.languages import interface_language
from cms.reading import reading_prefs

register = template.Library()


@register.simple_tag(takes_context=True)
def reading_aids(context):
    """The reader's reading aids (furigana, larger text, contrast) from their cookie."""
    return reading_prefs(context.get("request"))


@register.simple_tag
def interface_lang() -> str:
    """The language the menus are really in: marks them lang="ja" where not yet translated."""
    return interface_language()


@register.filter
def furigana(value, on=True):
    """Ruby readings over kanji in plain text or trusted HTML (rich text already rendered)."""
    if not on or value is None:
        return value
    if hasattr(value, "__html__"):
        places = readings.place_readings()
        return mark_safe(japanese.furigana_html(str(value.__html__()), places))  # noqa: S308 - input already safe HTML; only ruby tags are added
    return mark_safe(japanese.furigana_text(str(value), readings.place_readings()))  # noqa: S308 - furigana_text escapes its input


@register.filter
def furigana_without_places(value, on=True):
    """Furigana from the dictionary alone, for the error page that must not touch the
    database (place names are read from it)."""
    if not on or value is None:
        return value
    return mark_safe(japanese.furigana_html(str(value)))  # noqa: S308 - the page's own rendered HTML; only ruby tags are added
